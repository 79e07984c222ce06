namespace BufferPool.ThreadCaching;

/// <summary>The rule the engines' budget paths share for when a reclaim may pass the rate limit.</summary>
internal static class BudgetReclaim
{
    /// <summary>
    /// Whether at most half of <paramref name="budget"/> is rented out, by the threads' counters. A pool under
    /// sustained overload has nearly all of its budget out, and there the budget reclaim's rate limit holds; a pool with
    /// little out that still misses its budget has the rest idle in caches or in partly used blocks, and a reclaim
    /// finds what the caches hold.
    /// </summary>
    public static bool MostlyIdle(ThreadCacheSet caches, long budget)
    {
        ThreadCacheTotals totals = caches.GetTotals();
        return totals.RentedBytes - totals.ReturnedBytes <= budget / 2;
    }
}
