namespace BufferPool;

/// <summary>A point-in-time snapshot of a pool's counters. Counts are totals since the pool was created.</summary>
/// <remarks>
/// For array pools, which hold whole arrays rather than superblocks, each pooled array counts as one
/// superblock: <see cref="SuperBlockCount"/> is the number of idle arrays held, and the allocated and
/// released counts are arrays created and dropped.
/// </remarks>
public sealed record BufferPoolStatistics
{
    /// <summary>Superblocks held now.</summary>
    public long SuperBlockCount { get; init; }

    /// <summary>Bytes reserved in superblocks (for array pools: bytes of idle arrays held).</summary>
    public long ReservedBytes { get; init; }

    /// <summary>Bytes rented out now.</summary>
    public long InUseBytes { get; init; }

    /// <summary>Rents served, pooled or not.</summary>
    public long RentCount { get; init; }

    /// <summary>Returns accepted.</summary>
    public long ReturnCount { get; init; }

    /// <summary>Superblocks allocated since the pool was created.</summary>
    public long SuperBlocksAllocated { get; init; }

    /// <summary>Superblocks released since the pool was created.</summary>
    public long SuperBlocksReleased { get; init; }

    /// <summary>Times a free list was at its cap when an item came back to it.</summary>
    public long FreeListThresholdHits { get; init; }

    /// <summary>Rents served outside the pool: budget exhausted, or larger than the pool serves.</summary>
    public long FallbackCount { get; init; }

    /// <summary>Bytes rented since the pool was created, pooled or not (the <c>bufferpool.rented</c> instrument).</summary>
    public long RentedBytes { get; init; }

    /// <summary>Bytes of the rents served outside the pool (the <c>bufferpool.fallback</c> instrument).</summary>
    public long FallbackBytes { get; init; }
}
