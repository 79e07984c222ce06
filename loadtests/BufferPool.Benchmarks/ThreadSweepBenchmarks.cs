using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// Scaling: 1, 2, 4 ... <see cref="Environment.ProcessorCount"/> threads, each renting 4096 bytes and disposing them on
/// the same thread, all at once, through the pool Kestrel rents from. The figure is the time per operation on one thread
/// (each thread does <see cref="PerThread"/>): with perfect scaling it stays flat as threads are added; whatever it grows
/// by is contention on shared state (or, past the cores there are, the threads taking turns). Run it on a machine with
/// more cores than the 2 this project is developed on to judge scaling; ratios are against
/// <see cref="ArrayPool{T}.Shared"/> at the same thread count.
/// </summary>
[MemoryDiagnoser]
public class ThreadSweepBenchmarks
{
    private const int Size = 4096;
    private const int PerThread = 1 << 17;

    private BenchmarkPools _pools = null!;
    private WorkerGroup _workers = null!;
    private Action<int> _arrayPool = null!;
    private Action<int> _kestrel = null!;
    private Action<int> _smallBlock = null!;
    private Action<int> _bitmap = null!;

    /// <summary>Threads renting at once.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>1, 2, 4 ... up to the processor count, which is always included.</summary>
    public static IEnumerable<int> ThreadCounts => Sweep(1);

    internal static IEnumerable<int> Sweep(int from)
    {
        int n = from;
        for (; n < Environment.ProcessorCount; n *= 2)
        {
            yield return n;
        }

        yield return Math.Max(from, Environment.ProcessorCount);
    }

    [GlobalSetup]
    public void Setup()
    {
        _pools = new BenchmarkPools();
        _workers = new WorkerGroup(Threads);
        _arrayPool = static _ =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(Size));
            }
        };
        _kestrel = Loop(_pools.Kestrel);
        _smallBlock = Loop(_pools.SmallBlockFactory);
        _bitmap = Loop(_pools.BitmapFactory);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _workers.Dispose();
        await _pools.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerThread, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool() => _workers.Run(_arrayPool);

    [Benchmark(OperationsPerInvoke = PerThread, Description = "Kestrel's pool, default factory")]
    public void Kestrel() => _workers.Run(_kestrel);

    [Benchmark(OperationsPerInvoke = PerThread, Description = "small-block, factory")]
    public void SmallBlock() => _workers.Run(_smallBlock);

    [Benchmark(OperationsPerInvoke = PerThread, Description = "bitmap, factory")]
    public void Bitmap() => _workers.Run(_bitmap);

    private static Action<int> Loop(MemoryPool<byte> pool) => _ =>
    {
        for (int i = 0; i < PerThread; i++)
        {
            pool.Rent(Size).Dispose();
        }
    };
}
