using System.Runtime.CompilerServices;

namespace BufferPool.Common;

/// <summary>
/// The per-thread caches of one pool. A thread finds its cache through a <see cref="ThreadStaticAttribute"/>
/// array indexed by the pool's slot, so many pools can coexist without a <see cref="ThreadLocal{T}"/>.
/// </summary>
/// <remarks>
/// A cache can only be emptied by its own thread. <see cref="RequestFlush"/> therefore bumps an epoch that
/// each thread compares on its next access (a plain read, no fence on the hot path) and flushes itself;
/// caches of threads that have died are flushed directly because nobody else can touch them.
/// </remarks>
internal sealed class ThreadCacheSet<TItem> : IDisposable
{
    [ThreadStatic]
    private static ThreadCache<TItem>?[]? t_caches;

    private readonly IThreadCacheSink<TItem> _sink;
    private readonly int[] _capacities;
    private readonly int _stride;
    private readonly int _slot;
    private readonly List<ThreadCache<TItem>> _all = [];
    private int _epoch;
    private int _disposed;
    private long _retiredRents, _retiredReturns, _retiredRentedBytes, _retiredReturnedBytes, _retiredOverflows;

    public ThreadCacheSet(IThreadCacheSink<TItem> sink, int[] capacities)
    {
        _sink = sink;
        _capacities = capacities;
        _stride = Math.Max(1, capacities.Max());
        _slot = CacheSlotAllocator.Acquire();
    }

    /// <summary>The calling thread's cache, created on first use.</summary>
    public ThreadCache<TItem> Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ThreadCache<TItem>?[]? caches = t_caches;
            if (caches is not null && (uint)_slot < (uint)caches.Length)
            {
                ThreadCache<TItem>? cache = caches[_slot];
                if (cache is not null && cache.Set == this && cache.Epoch == Volatile.Read(ref _epoch))
                {
                    return cache;
                }
            }

            return CurrentSlow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadCache<TItem> CurrentSlow()
    {
        ThreadCache<TItem>?[]? caches = t_caches;
        if (caches is null || caches.Length <= _slot)
        {
            Array.Resize(ref caches, Math.Max(_slot + 1, (caches?.Length ?? 2) * 2));
            t_caches = caches;
        }

        ThreadCache<TItem>? cache = caches[_slot];
        if (cache is not null && cache.Set == this)
        {
            // A trim asked every thread to give back what it holds.
            cache.Flush(_sink);
            cache.Epoch = Volatile.Read(ref _epoch);
            return cache;
        }

        cache = new ThreadCache<TItem>(this, _capacities, _stride, Volatile.Read(ref _epoch));
        lock (_all)
        {
            _all.Add(cache);
        }

        caches[_slot] = cache;
        return cache;
    }

    /// <summary>
    /// Flushes the calling thread's cache and the caches of dead threads now, and asks every other thread
    /// to flush on its next rent or return.
    /// </summary>
    public void RequestFlush()
    {
        Interlocked.Increment(ref _epoch);
        _ = Current;
        lock (_all)
        {
            for (int i = _all.Count - 1; i >= 0; i--)
            {
                ThreadCache<TItem> cache = _all[i];
                if (!cache.Owner.IsAlive)
                {
                    cache.Flush(_sink);
                    _retiredRents += cache.Rents;
                    _retiredReturns += cache.Returns;
                    _retiredRentedBytes += cache.RentedBytes;
                    _retiredReturnedBytes += cache.ReturnedBytes;
                    _retiredOverflows += cache.Overflows;
                    _all.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Sums the per-thread statistics of live and dead threads.</summary>
    public ThreadCacheTotals GetTotals()
    {
        lock (_all)
        {
            var totals = new ThreadCacheTotals(_retiredRents, _retiredReturns, _retiredRentedBytes, _retiredReturnedBytes, _retiredOverflows);
            foreach (ThreadCache<TItem> c in _all)
            {
                totals = new ThreadCacheTotals(
                    totals.Rents + Volatile.Read(ref c.Rents),
                    totals.Returns + Volatile.Read(ref c.Returns),
                    totals.RentedBytes + Volatile.Read(ref c.RentedBytes),
                    totals.ReturnedBytes + Volatile.Read(ref c.ReturnedBytes),
                    totals.Overflows + Volatile.Read(ref c.Overflows));
            }

            return totals;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CacheSlotAllocator.Release(_slot);
        }
    }
}

/// <summary>Summed per-thread counters of a <see cref="ThreadCacheSet{TItem}"/>.</summary>
internal readonly record struct ThreadCacheTotals(long Rents, long Returns, long RentedBytes, long ReturnedBytes, long Overflows);
