using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// <c>Rent(4096)</c> and <c>Dispose</c> on one thread, where Kestrel rents: through the <see cref="MemoryPool{T}"/> that
/// <c>IMemoryPoolFactory&lt;byte&gt;.Create()</c> returns in a built host, for BufferPool's two pools and for Kestrel's own
/// (the default factory's <c>PinnedBlockMemoryPool</c>), against <see cref="ArrayPool{T}.Shared"/>'s Rent and Return and
/// <see cref="MemoryPool{T}.Shared"/>. Every pool is held as a <see cref="MemoryPool{T}"/>, as Kestrel holds it, so each
/// rent is the virtual call Kestrel makes.
/// </summary>
[MemoryDiagnoser]
public class FactoryPathBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 1024;

    private MemoryPool<byte> _smallBlock = null!;
    private MemoryPool<byte> _bitmap = null!;
    private MemoryPool<byte> _kestrel = null!;
    private IAsyncDisposable[] _hosts = [];

    [GlobalSetup]
    public void Setup()
    {
        (_smallBlock, IAsyncDisposable smallBlockHost) = FactoryPool.Create(FactoryPool.SmallBlock);
        (_bitmap, IAsyncDisposable bitmapHost) = FactoryPool.Create(FactoryPool.Bitmap);
        (_kestrel, IAsyncDisposable kestrelHost) = KestrelPool.Create();
        _hosts = [smallBlockHost, bitmapHost, kestrelHost];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _smallBlock.Dispose();
        _bitmap.Dispose();
        _kestrel.Dispose();
        foreach (IAsyncDisposable host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(Size));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => Run(MemoryPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Operations, Description = "Kestrel's pool, default factory")]
    public void Kestrel() => Run(_kestrel);

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, factory")]
    public void SmallBlock() => Run(_smallBlock);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, factory")]
    public void Bitmap() => Run(_bitmap);

    // Each benchmark class keeps its own copy of this loop on purpose: with the loop moved into one shared helper (marked
    // AggressiveInlining), both factory rows measured 13.5 ns instead of 7.7-8.1 ns in the same hour (2026-12-02), so
    // the loop's shape is part of what is measured; change it only with a before-and-after run.
    private static void Run(MemoryPool<byte> pool)
    {
        for (int i = 0; i < Operations; i++)
        {
            pool.Rent(Size).Dispose();
        }
    }
}
