namespace BufferPool;

/// <summary>A point-in-time snapshot of a pool's counters. Counts are totals since the pool was created.</summary>
/// <remarks>
/// Memory pools hold superblocks and report them in the <c>SuperBlock</c> figures; array pools hold whole arrays and
/// report them in the <c>Array</c> figures. The other figures mean the same for every pool. No figure is ever negative.
/// <see cref="BufferPoolStatisticsFields"/> names every figure once, for JSON, health-check data and exporters.
/// </remarks>
public sealed record BufferPoolStatistics
{
    /// <summary>Superblocks held now (memory pools; 0 for array pools).</summary>
    public long SuperBlockCount { get; init; }

    /// <summary>Arrays the pool created that are still alive, idle or rented out (array pools; 0 for memory pools).</summary>
    public long ArrayCount { get; init; }

    /// <summary>Bytes the pool owns now, idle or rented out: its superblocks, or its live arrays.</summary>
    public long ReservedBytes { get; init; }

    /// <summary>
    /// Bytes of <see cref="ReservedBytes"/> that are resident: everything but the idle memory the pool gave back to the
    /// OS (see <c>PurgeDelay</c>). An upper bound: a block taken back into use counts whole from then on, though only
    /// the pages written since are resident again. Array pools do not decommit; theirs equals
    /// <see cref="ReservedBytes"/>.
    /// </summary>
    public long CommittedBytes { get; init; }

    /// <summary>Times idle memory (a free block, or a superblock being released) was given back to the OS since the pool was created.</summary>
    public long DecommitCount { get; init; }

    /// <summary>Bytes rented out now.</summary>
    public long InUseBytes { get; init; }

    /// <summary>Rents served, pooled or not.</summary>
    public long RentCount { get; init; }

    /// <summary>Returns accepted.</summary>
    public long ReturnCount { get; init; }

    /// <summary>Superblocks allocated since the pool was created (memory pools).</summary>
    public long SuperBlocksAllocated { get; init; }

    /// <summary>Superblocks released since the pool was created (memory pools).</summary>
    public long SuperBlocksReleased { get; init; }

    /// <summary>Arrays created for the pool since it was created (array pools).</summary>
    public long ArraysAllocated { get; init; }

    /// <summary>Arrays the pool let go of since it was created (array pools).</summary>
    public long ArraysReleased { get; init; }

    /// <summary>Times a free list was at its cap when an item came back to it.</summary>
    public long FreeListThresholdHits { get; init; }

    /// <summary>Rents served outside the pool: budget exhausted, or larger than the pool serves.</summary>
    public long FallbackCount { get; init; }

    /// <summary>Bytes rented since the pool was created, pooled or not (the <c>bufferpool.rented</c> instrument).</summary>
    public long RentedBytes { get; init; }

    /// <summary>Bytes of the rents served outside the pool (the <c>bufferpool.fallback</c> instrument).</summary>
    public long FallbackBytes { get; init; }

    /// <summary>The sum of two snapshots, figure by figure.</summary>
    public static BufferPoolStatistics operator +(BufferPoolStatistics left, BufferPoolStatistics right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new()
        {
            SuperBlockCount = left.SuperBlockCount + right.SuperBlockCount,
            ArrayCount = left.ArrayCount + right.ArrayCount,
            ReservedBytes = left.ReservedBytes + right.ReservedBytes,
            CommittedBytes = left.CommittedBytes + right.CommittedBytes,
            DecommitCount = left.DecommitCount + right.DecommitCount,
            InUseBytes = left.InUseBytes + right.InUseBytes,
            RentCount = left.RentCount + right.RentCount,
            ReturnCount = left.ReturnCount + right.ReturnCount,
            SuperBlocksAllocated = left.SuperBlocksAllocated + right.SuperBlocksAllocated,
            SuperBlocksReleased = left.SuperBlocksReleased + right.SuperBlocksReleased,
            ArraysAllocated = left.ArraysAllocated + right.ArraysAllocated,
            ArraysReleased = left.ArraysReleased + right.ArraysReleased,
            FreeListThresholdHits = left.FreeListThresholdHits + right.FreeListThresholdHits,
            FallbackCount = left.FallbackCount + right.FallbackCount,
            RentedBytes = left.RentedBytes + right.RentedBytes,
            FallbackBytes = left.FallbackBytes + right.FallbackBytes,
        };
    }

    /// <summary>The running totals only: what stays counted in a process total after a pool is gone.</summary>
    internal BufferPoolStatistics RunningTotals() => this with { SuperBlockCount = 0, ArrayCount = 0, ReservedBytes = 0, CommittedBytes = 0, InUseBytes = 0 };
}
