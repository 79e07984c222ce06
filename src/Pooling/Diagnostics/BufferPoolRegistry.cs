namespace BufferPool.Diagnostics;

/// <summary>
/// Every pool in the process, held weakly, so that the <c>BufferPool</c> EventSource can sum over them. Nothing else
/// reads it: hosting reports the pools of its own container. A pool joins when it is built and leaves when it is
/// disposed or collected; what it counted until then stays in the process totals, so rates never go negative.
/// </summary>
internal static class BufferPoolRegistry
{
    private static readonly object s_lock = new();
    private static readonly List<Entry> s_entries = [];
    private static BufferPoolStatistics s_departed = new();

    public static void Register(IBufferPool pool)
    {
        // The EventSource exists only once something touches it, and a session (dotnet-counters) that starts before
        // then sees no counter from it: the first pool makes sure it exists, so an idle app shows its counters too.
        _ = BufferPoolEventSource.Log;
        lock (s_lock)
        {
            s_entries.Add(new Entry(pool));
        }
    }

    /// <summary>Takes a pool out, keeping its running totals. Safe from a finalizer.</summary>
    public static void Unregister(IBufferPool pool)
    {
        BufferPoolStatistics last = pool.GetStatistics();
        lock (s_lock)
        {
            int at = s_entries.FindIndex(e => e.Pool.TryGetTarget(out IBufferPool? p) && ReferenceEquals(p, pool));
            if (at >= 0)
            {
                s_entries.RemoveAt(at);
                s_departed += last.RunningTotals();
            }
        }
    }

    /// <summary>
    /// The sum over the live pools that <paramref name="include"/> accepts (all by default), plus the running totals
    /// of pools already gone.
    /// </summary>
    public static BufferPoolStatistics Total(Func<IBufferPool, bool>? include = null)
    {
        List<(Entry Entry, IBufferPool Pool)> live = [];
        BufferPoolStatistics total;
        lock (s_lock)
        {
            for (int i = s_entries.Count - 1; i >= 0; i--)
            {
                Entry entry = s_entries[i];
                if (entry.Pool.TryGetTarget(out IBufferPool? pool))
                {
                    live.Add((entry, pool));
                }
                else
                {
                    // Collected without Dispose: its last figures seen stand for its running totals.
                    s_departed += entry.Last.RunningTotals();
                    s_entries.RemoveAt(i);
                }
            }

            total = s_departed;
        }

        // Statistics take the pools' own locks; read them outside this one.
        foreach (var (entry, pool) in live)
        {
            BufferPoolStatistics statistics = pool.GetStatistics();
            entry.Last = statistics;
            if (include is null || include(pool))
            {
                total += statistics;
            }
        }

        return total;
    }

    private sealed class Entry(IBufferPool pool)
    {
        public WeakReference<IBufferPool> Pool { get; } = new(pool);

        public BufferPoolStatistics Last { get; set; } = new();
    }
}
