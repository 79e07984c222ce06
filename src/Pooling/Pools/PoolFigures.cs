using BufferPool.ThreadCaching;

namespace BufferPool.Pools;

/// <summary>
/// What a pool's storage reports: its engine (superblocks) or its array store (live arrays). With the per-thread
/// traffic and the fallback counter, <see cref="Build"/> makes every pool's <see cref="BufferPoolStatistics"/>.
/// </summary>
/// <param name="Count">Superblocks held, or live arrays.</param>
/// <param name="ReservedBytes">Bytes in them.</param>
/// <param name="Allocated">Superblocks or arrays created so far.</param>
/// <param name="Released">Superblocks or arrays let go so far.</param>
/// <param name="ThresholdHits">Times a free list was at its cap.</param>
internal readonly record struct PoolFigures(long Count, long ReservedBytes, long Allocated, long Released, long ThresholdHits)
{
    /// <summary>
    /// Bytes of <see cref="ReservedBytes"/> not given back to the OS, an upper bound on what is resident; null for
    /// storage that never decommits (array pools), whose reserved bytes are all counted.
    /// </summary>
    public long? CommittedBytes { get; init; }

    /// <summary>Decommits so far: ranges of idle memory given back to the OS.</summary>
    public long Decommits { get; init; }

    /// <summary>The one place a <see cref="BufferPoolStatistics"/> is assembled.</summary>
    /// <param name="arrays">True for array pools, whose storage figures are arrays rather than superblocks.</param>
    /// <param name="traffic">Rents and returns summed over the pool's threads.</param>
    /// <param name="fallback">Rents served outside the pool.</param>
    public BufferPoolStatistics Build(bool arrays, ThreadCacheTotals traffic, FallbackCounter fallback)
    {
        long fallbacks = fallback.Count;
        long fallbackBytes = fallback.BytesTotal;
        return new BufferPoolStatistics
        {
            SuperBlockCount = arrays ? 0 : Count,
            ArrayCount = arrays ? Count : 0,
            ReservedBytes = Math.Max(0, ReservedBytes),
            CommittedBytes = Math.Clamp(CommittedBytes ?? ReservedBytes, 0, Math.Max(0, ReservedBytes)),
            DecommitCount = Decommits,

            // A caller that returns one buffer twice, or a foreign array, can make returns outrun rents; in-use never
            // goes below zero for it.
            InUseBytes = Math.Max(0, traffic.RentedBytes - traffic.ReturnedBytes + fallback.BytesOut),
            RentCount = traffic.Rents + fallbacks,
            ReturnCount = traffic.Returns + fallback.Returns,
            SuperBlocksAllocated = arrays ? 0 : Allocated,
            SuperBlocksReleased = arrays ? 0 : Released,
            ArraysAllocated = arrays ? Allocated : 0,
            ArraysReleased = arrays ? Released : 0,
            FreeListThresholdHits = ThresholdHits,
            FallbackCount = fallbacks,
            RentedBytes = traffic.RentedBytes + fallbackBytes,
            FallbackBytes = fallbackBytes,
        };
    }
}
