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
internal sealed class ThreadCacheSet : IDisposable
{
    [ThreadStatic]
    private static ThreadCache?[]? t_caches;

    private readonly IThreadCacheSink _sink;
    private readonly int[] _capacities;
    private readonly long[] _classBytes;
    private readonly int _slot;
    private readonly List<ThreadCache> _all = [];
    private readonly long[] _retiredRents;
    private readonly long[] _retiredReturns;
    private long _retiredOverflows;
    private long _retiredRentedBytes;
    private long _retiredReturnedBytes;
    private static long s_nextId;

    // High 32 bits: an id no other set in the process ever has, so a cache left in a reused slot by a disposed
    // set can never match. Low 32 bits: the flush epoch. One compare checks both on the hot path.
    private long _token;
    private int _disposed;

    /// <param name="sink">Where flushed items go.</param>
    /// <param name="capacities">Items each thread may cache per size class.</param>
    /// <param name="classBytes">
    /// Bytes of one item of each class, to turn counts into bytes; 0 for a class whose items vary in size, whose
    /// pool counts bytes itself in <see cref="ThreadCache.RentedBytes"/> and <see cref="ThreadCache.ReturnedBytes"/>.
    /// </param>
    public ThreadCacheSet(IThreadCacheSink sink, int[] capacities, long[] classBytes)
    {
        _sink = sink;
        _capacities = capacities;
        _classBytes = classBytes;
        _retiredRents = new long[capacities.Length];
        _retiredReturns = new long[capacities.Length];
        _slot = CacheSlotAllocator.Acquire();
        _token = Interlocked.Increment(ref s_nextId) << 32;
    }

    /// <summary>The calling thread's cache, created on first use.</summary>
    public ThreadCache Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ThreadCache?[]? caches = t_caches;
            if (caches is not null && (uint)_slot < (uint)caches.Length)
            {
                ThreadCache? cache = caches[_slot];
                if (cache is not null && cache.Token == _token)
                {
                    return cache;
                }
            }

            return CurrentSlow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadCache CurrentSlow()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            // The slot may belong to another set by now. A cache that holds nothing makes every return spill to
            // the sink, which drops what a disposed pool gets back.
            return new ThreadCache(this, new int[_capacities.Length], 0);
        }

        ThreadCache?[]? caches = t_caches;
        if (caches is null || caches.Length <= _slot)
        {
            Array.Resize(ref caches, Math.Max(_slot + 1, (caches?.Length ?? 2) * 2));
            t_caches = caches;
        }

        ThreadCache? cache = caches[_slot];
        if (cache is not null && cache.Set == this)
        {
            // A trim asked every thread to give back what it holds.
            cache.Flush(_sink);
            cache.Token = Volatile.Read(ref _token);
            return cache;
        }

        cache = new ThreadCache(this, _capacities, Volatile.Read(ref _token));
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
        Interlocked.Increment(ref _token);
        _ = Current;
        lock (_all)
        {
            for (int i = _all.Count - 1; i >= 0; i--)
            {
                ThreadCache cache = _all[i];
                if (!cache.Owner.IsAlive)
                {
                    cache.Flush(_sink);
                    for (int c = 0; c < _retiredRents.Length; c++)
                    {
                        _retiredRents[c] += cache.RentsOf(c);
                        _retiredReturns[c] += cache.ReturnsOf(c);
                    }

                    _retiredOverflows += cache.Overflows;
                    _retiredRentedBytes += cache.RentedBytes;
                    _retiredReturnedBytes += cache.ReturnedBytes;
                    _all.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Sums the per-thread counters of live and dead threads.</summary>
    public ThreadCacheTotals GetTotals()
    {
        lock (_all)
        {
            long rents = 0, returns = 0, overflows = _retiredOverflows;
            long rentedBytes = _retiredRentedBytes, returnedBytes = _retiredReturnedBytes;
            for (int c = 0; c < _retiredRents.Length; c++)
            {
                long classRents = _retiredRents[c], classReturns = _retiredReturns[c];
                foreach (ThreadCache cache in _all)
                {
                    classRents += cache.RentsOf(c);
                    classReturns += cache.ReturnsOf(c);
                }

                rents += classRents;
                returns += classReturns;
                rentedBytes += classRents * _classBytes[c];
                returnedBytes += classReturns * _classBytes[c];
            }

            foreach (ThreadCache cache in _all)
            {
                overflows += Volatile.Read(ref cache.Overflows);
                rentedBytes += Volatile.Read(ref cache.RentedBytes);
                returnedBytes += Volatile.Read(ref cache.ReturnedBytes);
            }

            return new ThreadCacheTotals(rents, returns, rentedBytes, returnedBytes, overflows);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // A new token sends every thread to the slow path, which sees the disposal.
            Interlocked.Increment(ref _token);
            CacheSlotAllocator.Release(_slot);
        }
    }
}

/// <summary>Summed per-thread counters of a <see cref="ThreadCacheSet"/>.</summary>
internal readonly record struct ThreadCacheTotals(long Rents, long Returns, long RentedBytes, long ReturnedBytes, long Overflows);
