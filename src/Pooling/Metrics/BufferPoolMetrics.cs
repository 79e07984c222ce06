using System.Diagnostics.Metrics;
using BufferPool.Metrics;

namespace BufferPool.Diagnostics;

/// <summary>
/// The <c>BufferPool</c> Meter and its instruments over a set of pools, one measurement per pool (and per owner of a
/// shared pool), tagged <c>bufferpool.kind</c>, <c>bufferpool.owner</c> and, for array pools,
/// <c>bufferpool.element_type</c>. Hosting builds one per app with the app's <see cref="IMeterFactory"/>, over the
/// app's own pools.
/// </summary>
/// <remarks>
/// Every instrument is observable: its callback reads the pools' statistics when a listener collects, so the rent and
/// return path does nothing for metrics, listener or not. The running totals are monotonic
/// <see cref="ObservableCounter{T}"/>s, which exporters present as counters (a monotonic sum). Memory pools report
/// superblocks (<c>bufferpool.superblock.*</c>), array pools report arrays (<c>bufferpool.array.*</c>).
/// </remarks>
public sealed class BufferPoolMetrics : IDisposable
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "BufferPool";

    private readonly Meter _meter;
    private readonly Func<IEnumerable<PoolReading>> _read;

    /// <summary>
    /// Creates the instruments over <paramref name="pools"/>: each pool's figures tagged owner <c>app</c>, and for a memory
    /// pool that others rent from through views (<see cref="BufferMemoryPool.CreateView"/>: Kestrel's transport, the
    /// sockets' pipes) their rents under their own owner tag, so <c>bufferpool.rented</c> says who rents what.
    /// </summary>
    /// <param name="pools">The pools to measure; held strongly until this object is disposed.</param>
    /// <param name="meterFactory">Where the Meter comes from; a new <see cref="Meter"/> if null.</param>
    public BufferPoolMetrics(IEnumerable<IBufferPool> pools, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(pools);
        IBufferPool[] list = [.. pools];
        _read = () => list.SelectMany(Read);
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Pools("bufferpool.superblock.count", static s => s.SuperBlockCount, "{superblock}", "Superblocks held now.", upDown: true, arrays: false);
        Pools("bufferpool.superblock.reserved", static s => s.ReservedBytes, "By", "Bytes reserved in superblocks.", upDown: true, arrays: false);
        Pools("bufferpool.superblock.committed", static s => s.CommittedBytes, "By", "Bytes of superblocks resident: reserved bytes not given back to the OS.", upDown: true, arrays: false);
        Pools("bufferpool.superblock.decommits", static s => s.DecommitCount, "{decommit}", "Idle ranges of superblocks given back to the OS.", upDown: false, arrays: false);
        Pools("bufferpool.superblock.allocated", static s => s.SuperBlocksAllocated, "{superblock}", "Superblocks allocated.", upDown: false, arrays: false);
        Pools("bufferpool.superblock.released", static s => s.SuperBlocksReleased, "{superblock}", "Superblocks released.", upDown: false, arrays: false);
        Pools("bufferpool.array.count", static s => s.ArrayCount, "{array}", "Arrays the pool owns now.", upDown: true, arrays: true);
        Pools("bufferpool.array.reserved", static s => s.ReservedBytes, "By", "Bytes of the arrays the pool owns now.", upDown: true, arrays: true);
        Pools("bufferpool.array.allocated", static s => s.ArraysAllocated, "{array}", "Arrays created.", upDown: false, arrays: true);
        Pools("bufferpool.array.released", static s => s.ArraysReleased, "{array}", "Arrays let go.", upDown: false, arrays: true);
        Pools("bufferpool.in_use", static s => s.InUseBytes, "By", "Bytes rented out now.", upDown: true, arrays: null);
        Pools("bufferpool.free_list.threshold_hits", static s => s.FreeListThresholdHits, "{event}", "Times a free list was at its cap.", upDown: false, arrays: null);
        Pools("bufferpool.fallback", static s => s.FallbackBytes, "By", "Bytes served outside the pool.", upDown: false, arrays: null);
        _meter.CreateObservableCounter("bufferpool.rented", () => Measure(static s => s.RentedBytes, static _ => true), "By", "Bytes rented, by owner.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// A reading per pool, and for a memory pool one per owner other than the app that rents through a view. The pool
    /// counts every owner's rents apart, so the app's reading carries its own rents and <c>bufferpool.owner</c> means what
    /// it says.
    /// </summary>
    private static IEnumerable<PoolReading> Read(IBufferPool pool)
    {
        BufferPoolStatistics statistics = pool.GetStatistics();
        if (pool is not BufferMemoryPool memory)
        {
            yield return new PoolReading(pool, PoolReading.AppOwner, statistics);
            yield break;
        }

        foreach (BufferPoolOwnerStatistics owner in memory.GetOwnerStatistics())
        {
            yield return owner.Owner == PoolReading.AppOwner
                ? new PoolReading(pool, owner.Owner, statistics with { RentCount = owner.RentCount, RentedBytes = owner.RentedBytes })
                : new PoolReading(pool, owner.Owner, new BufferPoolStatistics { RentCount = owner.RentCount, RentedBytes = owner.RentedBytes }, RentsOnly: true);
        }
    }

    // arrays: true for array pools only, false for memory pools only, null for both.
    private void Pools(string name, Func<BufferPoolStatistics, long> read, string unit, string description, bool upDown, bool? arrays)
    {
        Func<PoolReading, bool> include = r => !r.RentsOnly && (arrays is null || r.IsArrayPool == arrays);
        if (upDown)
        {
            _meter.CreateObservableUpDownCounter(name, () => Measure(read, include), unit, description);
        }
        else
        {
            _meter.CreateObservableCounter(name, () => Measure(read, include), unit, description);
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<BufferPoolStatistics, long> read, Func<PoolReading, bool> include)
    {
        foreach (PoolReading reading in _read())
        {
            if (include(reading))
            {
                yield return new Measurement<long>(read(reading.Statistics), reading.Tags);
            }
        }
    }
}
