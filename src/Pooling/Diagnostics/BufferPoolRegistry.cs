namespace BufferPool.Diagnostics;

/// <summary>
/// Every live pool in the process, so that counters and meters can sum over them. A pool joins when it is built and
/// leaves when it is disposed; what it counted until then stays in the process totals, so rates never go negative.
/// </summary>
internal static class BufferPoolRegistry
{
    private static readonly object s_lock = new();
    private static readonly List<IPoolDiagnosticsSource> s_live = [];
    private static BufferPoolStatistics s_departed = new();

    public static void Register(IPoolDiagnosticsSource source)
    {
        lock (s_lock)
        {
            s_live.Add(source);
        }
    }

    public static void Unregister(IPoolDiagnosticsSource source)
    {
        BufferPoolStatistics last = source.GetStatistics();
        lock (s_lock)
        {
            if (s_live.Remove(source))
            {
                // Only the running totals outlive a pool; what it held is gone with it.
                s_departed = Add(s_departed, last with { SuperBlockCount = 0, ReservedBytes = 0, InUseBytes = 0 });
            }
        }
    }

    /// <summary>Each live pool with its statistics now.</summary>
    public static List<(IPoolDiagnosticsSource Source, BufferPoolStatistics Statistics)> Snapshot()
    {
        IPoolDiagnosticsSource[] live;
        lock (s_lock)
        {
            live = [.. s_live];
        }

        return [.. live.Select(s => (s, s.GetStatistics()))];
    }

    /// <summary>The sum over live pools, plus the running totals of pools already disposed.</summary>
    public static BufferPoolStatistics Total()
    {
        BufferPoolStatistics total;
        lock (s_lock)
        {
            total = s_departed;
        }

        foreach (var (_, statistics) in Snapshot())
        {
            total = Add(total, statistics);
        }

        return total;
    }

    private static BufferPoolStatistics Add(BufferPoolStatistics a, BufferPoolStatistics b) => new()
    {
        SuperBlockCount = a.SuperBlockCount + b.SuperBlockCount,
        ReservedBytes = a.ReservedBytes + b.ReservedBytes,
        InUseBytes = a.InUseBytes + b.InUseBytes,
        RentCount = a.RentCount + b.RentCount,
        ReturnCount = a.ReturnCount + b.ReturnCount,
        SuperBlocksAllocated = a.SuperBlocksAllocated + b.SuperBlocksAllocated,
        SuperBlocksReleased = a.SuperBlocksReleased + b.SuperBlocksReleased,
        FreeListThresholdHits = a.FreeListThresholdHits + b.FreeListThresholdHits,
        FallbackCount = a.FallbackCount + b.FallbackCount,
        RentedBytes = a.RentedBytes + b.RentedBytes,
        FallbackBytes = a.FallbackBytes + b.FallbackBytes,
    };
}
