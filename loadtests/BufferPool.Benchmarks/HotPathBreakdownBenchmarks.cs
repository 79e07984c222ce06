using System.Buffers;
using BenchmarkDotNet.Attributes;
using BufferPool.SmallBlock;

namespace BufferPool.Benchmarks;

/// <summary>
/// Where the time of one <c>Rent(4096)</c>+<c>Dispose</c> goes: the engine's per-thread cache alone, then the
/// whole <see cref="SmallBlockMemoryPool"/> (argument checks, size class, sampling countdown, lease state, interface
/// dispatch), first through an owner's view as Kestrel's trusted transport rents (a plain-store dispose), then as a
/// user's guarded reused lease (one interlocked compare-exchange on dispose).
/// </summary>
[MemoryDiagnoser]
public class HotPathBreakdownBenchmarks
{
    private const int Operations = 1024;
    private SmallBlockMemoryPool _pool = null!;
    private MemoryPool<byte> _view = null!;
    private SmallBlockEngine<ItemSlot> _engine = null!;
    private int _class;

    [GlobalSetup]
    public void Setup()
    {
        _pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        _view = _pool.CreateView("kestrel");
        _engine = new SmallBlockEngine<ItemSlot>(new SmallBlockPoolOptions());
        _class = _engine.Classes.GetIndex(4096);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(4096));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "engine: thread cache only")]
    public void EngineOnly()
    {
        for (int i = 0; i < Operations; i++)
        {
            _engine.Return(_engine.Rent(_class)!);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, owner's view")]
    public void View()
    {
        // Kestrel's transport path (what hosting's factory hands out): the same lease, with the plain-store dispose guard.
        for (int i = 0; i < Operations; i++)
        {
            _view.Rent(4096).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, Reused")]
    public void Pool()
    {
        for (int i = 0; i < Operations; i++)
        {
            _pool.Rent(4096).Dispose();
        }
    }
}
