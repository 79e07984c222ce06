using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// Scaling of rent-here-return-there, Kestrel's pattern: 1, 2 ... pairs of threads (2, 4 ... up to
/// <see cref="Environment.ProcessorCount"/> threads in all), in each pair one thread renting 4096 bytes and handing each
/// buffer through a ring (<see cref="Handoff"/>) to the other, which disposes it. The figure is the time per buffer on
/// one pair (each producer rents <see cref="PerPair"/>): flat as pairs are added means no contention between them. Run it
/// on a machine with more cores to judge scaling; ratios are against <see cref="ArrayPool{T}.Shared"/> at the same count.
/// </summary>
[MemoryDiagnoser]
public class ThreadPairSweepBenchmarks
{
    private const int Size = 4096;
    private const int PerPair = 1 << 15;
    private const int Batch = 32;
    private const int Capacity = 256;

    private BenchmarkPools _pools = null!;
    private Handoff[] _handoffs = [];
    private WorkerGroup _producers = null!;
    private Action<int> _arrayPool = null!;
    private Action<int> _kestrel = null!;
    private Action<int> _smallBlock = null!;
    private Action<int> _bitmap = null!;

    /// <summary>Threads in all, two per pair.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>2, 4 ... up to the processor count (at least one pair).</summary>
    public static IEnumerable<int> ThreadCounts => ThreadSweepBenchmarks.Sweep(2);

    [GlobalSetup]
    public void Setup()
    {
        _pools = new BenchmarkPools();
        int pairs = Threads / 2;
        _handoffs = [.. Enumerable.Range(0, pairs).Select(_ => new Handoff(Capacity))];
        _producers = new WorkerGroup(pairs);
        _arrayPool = Produce(static () => ArrayPool<byte>.Shared.Rent(Size));
        _kestrel = Produce(RentFrom(_pools.Kestrel));
        _smallBlock = Produce(RentFrom(_pools.SmallBlockFactory));
        _bitmap = Produce(RentFrom(_pools.BitmapFactory));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _producers.Dispose();
        foreach (Handoff handoff in _handoffs)
        {
            handoff.Stop();
        }

        await _pools.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerPair, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool() => _producers.Run(_arrayPool);

    [Benchmark(OperationsPerInvoke = PerPair, Description = "Kestrel's pool, default factory")]
    public void Kestrel() => _producers.Run(_kestrel);

    [Benchmark(OperationsPerInvoke = PerPair, Description = "small-block, factory")]
    public void SmallBlock() => _producers.Run(_smallBlock);

    [Benchmark(OperationsPerInvoke = PerPair, Description = "bitmap, factory")]
    public void Bitmap() => _producers.Run(_bitmap);

    private static Func<object> RentFrom(MemoryPool<byte> pool) => () => pool.Rent(Size);

    private Action<int> Produce(Func<object> rent) => pair =>
    {
        Handoff handoff = _handoffs[pair];
        for (int i = 0; i < PerPair; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(rent());
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    };
}
