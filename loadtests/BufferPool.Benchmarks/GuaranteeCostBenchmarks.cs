using System.Buffers;
using BenchmarkDotNet.Attributes;
using BufferPool.Benchmarks.CostModel;

namespace BufferPool.Benchmarks;

/// <summary>
/// What each of BufferPool's guarantees costs on the factory path's <c>Rent(4096)</c> + <c>Dispose</c>, one thread: a
/// model pool (<see cref="ModelPool{TGuarantees}"/>) with nothing but a per-thread buffer behind <see cref="MemoryPool{T}"/>,
/// then the same with one guarantee's owner-side code added at a time, then all of the factory path's, then the racing
/// dispose of a <c>Reused</c> lease, against <see cref="ArrayPool{T}.Shared"/>'s Rent and Return (the baseline) and the two
/// real pools through the factory of a built host. The model's first row is the floor for any pool that hands out an owner
/// object: the goal of 1.0x <see cref="ArrayPool{T}.Shared"/> is a goal for that floor.
/// </summary>
[MemoryDiagnoser]
public class GuaranteeCostBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 1024;

    private readonly MemoryPool<byte> _floor = new ModelPool<NoGuarantees>();
    private readonly MemoryPool<byte> _secondDispose = new ModelPool<SecondDisposeOnly>();
    private readonly MemoryPool<byte> _reclaim = new ModelPool<SecondDisposeAndReclaim>();
    private readonly MemoryPool<byte> _counts = new ModelPool<SecondDisposeAndCounts>();
    private readonly MemoryPool<byte> _factoryModel = new ModelPool<FactoryPathGuarantees>();
    private readonly MemoryPool<byte> _reusedModel = new ModelPool<ReusedLeaseGuarantees>();
    private MemoryPool<byte> _smallBlock = null!;
    private MemoryPool<byte> _bitmap = null!;
    private IAsyncDisposable[] _hosts = [];

    [GlobalSetup]
    public void Setup()
    {
        (_smallBlock, IAsyncDisposable smallBlockHost) = FactoryPool.Create(FactoryPool.SmallBlock);
        (_bitmap, IAsyncDisposable bitmapHost) = FactoryPool.Create(FactoryPool.Bitmap);
        _hosts = [smallBlockHost, bitmapHost];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _smallBlock.Dispose();
        _bitmap.Dispose();
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

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: floor, no guarantee")]
    public void Floor() => Run(_floor);

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: + second Dispose ignored")]
    public void SecondDispose() => Run(_secondDispose);

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: + second Dispose + reclaimable caches")]
    public void Reclaim() => Run(_reclaim);

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: + second Dispose + exact counts")]
    public void Counts() => Run(_counts);

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: all of the factory path's")]
    public void FactoryModel() => Run(_factoryModel);

    [Benchmark(OperationsPerInvoke = Operations, Description = "model: + racing Dispose ignored (Reused)")]
    public void ReusedModel() => Run(_reusedModel);

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, factory")]
    public void SmallBlock() => Run(_smallBlock);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, factory")]
    public void Bitmap() => Run(_bitmap);

    // The same loop as FactoryPathBenchmarks' (kept per class on purpose; see the comment there).
    private static void Run(MemoryPool<byte> pool)
    {
        for (int i = 0; i < Operations; i++)
        {
            pool.Rent(Size).Dispose();
        }
    }
}
