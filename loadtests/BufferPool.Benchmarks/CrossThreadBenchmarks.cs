using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// Rent on one thread, give back on another: Kestrel's pattern, where the socket loop rents the receive segments and
/// the application's pipe reader returns them (the factory rows rent where Kestrel does, from the factory's pool). The benchmark thread rents 4096 bytes at a time and hands each buffer
/// through a single-producer, single-consumer ring to a dedicated consumer thread, which disposes (or returns) it.
/// </summary>
/// <remarks>
/// <para>One invoke rents <see cref="Operations"/> buffers and waits until the consumer has given every one back, so
/// the time per operation is the pipeline's throughput: one rent on the producer plus one return on the consumer, as
/// the slower of the two threads sets it, and their contention on the pool's shared state. The ring publishes its
/// indices once per <see cref="Batch"/> items, so the hand-off itself costs a few cache-line transfers per batch,
/// the same for every pool; at most <see cref="Capacity"/> buffers are in flight, as on a busy connection.</para>
/// <para>Both threads want a core each, so run it on a machine with at least two cores; a waiting side spins
/// briefly and then blocks (see <see cref="Handoff"/>), so an oversubscribed machine slows every row alike rather
/// than measuring the scheduler; compare the ratios, measured side by side in one run. The memory diagnoser counts every thread's
/// allocations (BenchmarkDotNet reads <see cref="GC.GetTotalAllocatedBytes(bool)"/>), the consumer's included.</para>
/// </remarks>
[MemoryDiagnoser]
public class CrossThreadBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 16384;
    private const int Batch = 32;
    private const int Capacity = 256;

    private BenchmarkPools _pools = null!;
    private Handoff _handoff = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pools = new BenchmarkPools();
        _handoff = new Handoff(Capacity);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _handoff.Stop();
        await _pools.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(ArrayPool<byte>.Shared.Rent(Size));
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    }

    /// <summary>
    /// The floor: the same hand-off of one preallocated object whose <c>Dispose</c> does nothing. What a pool row costs
    /// above this is the pool's; on an oversubscribed machine this row shows how much of every row is the scheduler.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Operations, Description = "hand-off alone (no pool)")]
    public void HandoffAlone()
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(NoopOwner.Instance);
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => Run(MemoryPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Operations, Description = "Kestrel PinnedBlockMemoryPool")]
    public void Kestrel() => Run(_pools.Kestrel);

    [Benchmark(OperationsPerInvoke = Operations, Description = "small-block, factory")]
    public void SmallBlockFactory() => Run(_pools.SmallBlockFactory);

    [Benchmark(OperationsPerInvoke = Operations, Description = "bitmap, factory")]
    public void BitmapFactory() => Run(_pools.BitmapFactory);

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, Reused")]
    public void SmallBlock() => Run(_pools.SmallBlock);

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool, Reused")]
    public void Bitmap() => Run(_pools.Bitmap);

    private void Run(MemoryPool<byte> pool)
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(pool.Rent(Size));
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    }

    private sealed class NoopOwner : IDisposable
    {
        public static readonly NoopOwner Instance = new();

        public void Dispose()
        {
        }
    }
}
