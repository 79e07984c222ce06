namespace BufferPool.ThreadCaching;

/// <summary>Summed per-thread counters of a <see cref="ThreadCacheSet"/>.</summary>
internal readonly record struct ThreadCacheTotals(long Rents, long Returns, long RentedBytes, long ReturnedBytes, long Overflows);
