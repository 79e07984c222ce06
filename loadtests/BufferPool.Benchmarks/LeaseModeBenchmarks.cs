using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// What the lease settings cost on <c>Rent(4096)</c>+<c>Dispose</c>: the slot's reused owner untracked, the same with
/// one rent in 1024 tracked (a stack trace and a finalizable owner for the sampled rent), and an owner per rent.
/// Sampling at 1/1024 is meant to cost at most 5% over untracked <see cref="LeaseMode.Reused"/>.
/// </summary>
[MemoryDiagnoser]
public class LeaseModeBenchmarks
{
    private const int Size = 4096;

    // As many operations per invoke as the sample rate, so every invoke carries its expected share of sampled rents.
    private const int Operations = 1024;

    private SmallBlockMemoryPool _reused = null!;
    private SmallBlockMemoryPool _sampled = null!;
    private SmallBlockMemoryPool _perRent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reused = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        _sampled = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = 1024 });
        _perRent = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.PerRent });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reused.Dispose();
        _sampled.Dispose();
        _perRent.Dispose();
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

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, Reused")]
    public void Reused() => Run(_reused);

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, Reused, TrackingSampleRate = 1024")]
    public void ReusedSampled() => Run(_sampled);

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, PerRent")]
    public void PerRent() => Run(_perRent);

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, RentReused")]
    public void Trusted()
    {
        for (int i = 0; i < Operations; i++)
        {
            _reused.RentReused(Size).Dispose();
        }
    }

    private static void Run(MemoryPool<byte> pool)
    {
        for (int i = 0; i < Operations; i++)
        {
            pool.Rent(Size).Dispose();
        }
    }
}
