using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// What the lease settings cost on <c>Rent(4096)</c>+<c>Dispose</c> of the plain pools (an app's own
/// <see cref="MemoryPool{T}"/>): the slot's reused owner untracked (<see cref="LeaseMode.Reused"/>, a guarded dispose: one
/// compare-exchange), the same with one rent in 1024 tracked (a stack trace and a finalizable owner for the sampled rent),
/// and an owner per rent (<see cref="LeaseMode.PerRent"/>, the default: 24 bytes and one exchange). Sampling at 1/1024 is
/// meant to cost at most 5% over untracked <see cref="LeaseMode.Reused"/>; <see cref="LeaseMode.PerRent"/> is meant to cost
/// no more than <see cref="MemoryPool{T}.Shared"/>, which also allocates an owner per rent.
/// </summary>
[MemoryDiagnoser]
public class LeaseModeBenchmarks
{
    private const int Size = 4096;

    // As many operations per invoke as the sample rate, so every invoke carries its expected share of sampled rents.
    private const int Operations = 1024;

    private MemoryPool<byte> _smallBlockReused = null!;
    private MemoryPool<byte> _smallBlockSampled = null!;
    private MemoryPool<byte> _smallBlockPerRent = null!;
    private MemoryPool<byte> _bitmapReused = null!;
    private MemoryPool<byte> _bitmapSampled = null!;
    private MemoryPool<byte> _bitmapPerRent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _smallBlockReused = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        _smallBlockSampled = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = 1024 });
        _smallBlockPerRent = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.PerRent });
        _bitmapReused = new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused });
        _bitmapSampled = new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = 1024 });
        _bitmapPerRent = new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.PerRent });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (MemoryPool<byte> pool in new[] { _smallBlockReused, _smallBlockSampled, _smallBlockPerRent, _bitmapReused, _bitmapSampled, _bitmapPerRent })
        {
            pool.Dispose();
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

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, Reused")]
    public void SmallBlockReused() => Run(_smallBlockReused);

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, Reused, TrackingSampleRate = 1024")]
    public void SmallBlockSampled() => Run(_smallBlockSampled);

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, PerRent")]
    public void SmallBlockPerRent() => Run(_smallBlockPerRent);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, Reused")]
    public void BitmapReused() => Run(_bitmapReused);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, Reused, TrackingSampleRate = 1024")]
    public void BitmapSampled() => Run(_bitmapSampled);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, PerRent")]
    public void BitmapPerRent() => Run(_bitmapPerRent);

    private static void Run(MemoryPool<byte> pool)
    {
        for (int i = 0; i < Operations; i++)
        {
            pool.Rent(Size).Dispose();
        }
    }
}
