using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace BufferPool.ThreadCaching;

/// <summary>
/// The per-thread caches of one pool. A thread finds its cache through a <see cref="ThreadStaticAttribute"/>
/// array indexed by the pool's slot, so many pools can coexist without a <see cref="ThreadLocal{T}"/>.
/// </summary>
/// <remarks>
/// <para>The one thread-static read, the token, the levels, the reclaim handshake, dead threads, disposal and the budget
/// path are described once, in this folder's README.md.</para>
/// <para><see cref="_gate"/> is held only for bounded work of this class (list edits, counter sums, taking
/// items); the sink is never called under it, so a finalizer calling <see cref="Dispose"/> waits at most for a
/// reclaim in progress.</para>
/// </remarks>
internal sealed class ThreadCacheSet : IDisposable
{
    // Every slot holds a cache: a set's own, one left by a disposed set that had the slot before, or None. So the hot path
    // checks the token and never null. It refers to no set (see README.md); a disposed set's bumped token never matches.
    [ThreadStatic]
    private static ThreadCache[]? t_caches;

    /// <summary>What a slot of a thread's table holds before any set put its cache there: its token matches no set.</summary>
    private static readonly ThreadCache None = new([], 0);

    // How long a reclaimer waits for a cache whose owner is inside an access, a few instructions long unless the
    // owner was preempted there. A cache still busy after that is skipped this round.
    private const int BusySpins = 20;

    private readonly IThreadCacheSink _sink;
    private readonly int[] _capacities;
    private readonly int[] _disabled;
    private readonly long[] _classBytes;
    private readonly int _slot;
    private readonly object _gate = new();
    private readonly List<ThreadCache> _all = [];
    private readonly TransferCache?[] _transfers;
    private readonly int[] _batchSizes;
    private readonly int _classCount;

    // Retired threads' rents at [owner * classes + class], for the owners the caches count (ThreadCache.InlineOwners).
    private readonly long[] _retiredRents;
    private readonly long[] _retiredReturns;
    private long _retiredOverflows;
    private long _retiredRentedBytes;
    private long _retiredReturnedBytes;
    private int _pruneAt = 1;
    private static long s_nextId;

    // High 32 bits: an id no other set in the process ever has, so a cache left in a reused slot by a disposed
    // set can never match. Low 32 bits: 0, and 1 once disposed. One compare checks both on the hot path.
    private long _token;
    private long _lastBudgetReclaim = long.MinValue / 2;
    private int _disposed;

    /// <param name="sink">
    /// Where reclaimed items go. It must accept items after its pool is disposed (and drop them), because
    /// <see cref="Dispose"/> hands it what the caches still hold.
    /// </param>
    /// <param name="capacities">Items each thread may cache per size class.</param>
    /// <param name="classBytes">
    /// Bytes of one item of each class, to turn counts into bytes; 0 for a class whose items vary in size, whose
    /// pool counts bytes itself in <see cref="ThreadCache.RentedBytes"/> and <see cref="ThreadCache.ReturnedBytes"/>.
    /// </param>
    public ThreadCacheSet(IThreadCacheSink sink, int[] capacities, long[] classBytes)
    {
        _sink = sink;
        _capacities = capacities;
        _disabled = new int[capacities.Length];
        _classBytes = classBytes;
        _classCount = capacities.Length;
        _retiredRents = new long[ThreadCache.InlineOwners * capacities.Length];
        _retiredReturns = new long[capacities.Length];
        _slot = CacheSlotAllocator.Acquire();
        _token = Interlocked.Increment(ref s_nextId) << 32;
        _transfers = new TransferCache?[capacities.Length];
        _batchSizes = new int[capacities.Length];
        for (int c = 0; c < capacities.Length; c++)
        {
            // A thread's whole capacity per batch (tcmalloc's batch is likewise independent of what a thread keeps): a
            // full cache spills all it holds and keeps the item being returned, an empty one takes a whole batch. The
            // larger the batch, the fewer cache lines cross between a returning and a renting core per item. With
            // fewer than two items per batch, batching saves nothing over the free lists.
            int batchSize = Math.Min(capacities[c], ThreadCache.MaxCapacity);
            _batchSizes[c] = batchSize >= 2 ? batchSize : 0;
        }
    }

    /// <summary>Parked bytes per class in the transfer cache stay near this (4 to 64 batches, rounded up to a power of two).</summary>
    private const long TransferBytesPerClass = 512 * 1024;

    /// <summary>The calling thread's cache, created on first use.</summary>
    public ThreadCache Current => CachedIn(t_caches) ?? CurrentSlow();

    /// <summary>
    /// The calling thread's table of caches, for <see cref="CachedIn"/>. A hot method reads it first: on Linux x64 the
    /// runtime resolves a thread-static through a call, and whatever the method holds across that call must sit in
    /// callee-saved registers, which it then pushes and pops on every operation. Read before anything else, it has only
    /// the method's arguments to keep.
    /// </summary>
    public static ThreadCache[]? ThreadTable
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_caches;
    }

    /// <summary>
    /// The calling thread's cache of this set, found in <paramref name="table"/>, which the caller read on this thread
    /// (<see cref="ThreadTable"/>) during this operation; null when the thread has none yet or the set is disposed, and
    /// the caller goes to its slow path, which asks <see cref="Current"/>. No call either way, so the caller's hot path
    /// keeps its values in scratch registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ThreadCache? CachedIn(ThreadCache[]? table)
    {
        // No null check on the entry: every slot holds a cache (see t_caches).
        int slot = _slot;
        if (table is not null && (uint)slot < (uint)table.Length)
        {
            ThreadCache cache = table[slot];
            if (cache.Token == _token)
            {
                return cache;
            }
        }

        return null;
    }

    /// <summary>
    /// The return path after <see cref="ThreadCache.Return"/> found <paramref name="cache"/> full: spills a batch to the
    /// class's transfer cache and caches <paramref name="item"/>. False when the class does not batch or no batch was
    /// free; the caller returns the item to the free lists.
    /// </summary>
    public bool TrySpill(ThreadCache cache, int sizeClass, object item)
    {
        TransferCache? transfer = _transfers[sizeClass] ?? CreateTransfer(sizeClass);
        return transfer is not null && cache.SpillAndCache(sizeClass, item, transfer);
    }

    /// <summary>
    /// The rent path after <see cref="ThreadCache.Rent"/> found <paramref name="cache"/> empty: refills it with one
    /// batch from the class's transfer cache and returns one item of it; null when there is none.
    /// </summary>
    public object? TryRefill(ThreadCache cache, int sizeClass)
    {
        TransferCache? transfer = Volatile.Read(ref _transfers[sizeClass]);
        return transfer is null ? null : cache.Refill(sizeClass, transfer);
    }

    /// <summary>Full batches parked for a class now, for tests.</summary>
    internal int TransferredBatches(int sizeClass) => Volatile.Read(ref _transfers[sizeClass])?.FullBatches ?? 0;

    // Made on the first spill, so classes nobody overflows cost nothing. Two racing makers: one wins, both use it.
    private TransferCache? CreateTransfer(int sizeClass)
    {
        int batchSize = _batchSizes[sizeClass];
        if (batchSize == 0)
        {
            return null;
        }

        long batchBytes = batchSize * Math.Max(_classBytes[sizeClass], 1);
        int batchCount = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(TransferBytesPerClass / batchBytes, 4, 64));
        var made = new TransferCache(batchSize, batchCount);
        return Interlocked.CompareExchange(ref _transfers[sizeClass], made, null) ?? made;
    }

    private long Id => _token >> 32;

    /// <summary>The thread's first access to this set, or one after its disposal: makes and registers the cache.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ThreadCache CurrentSlow()
    {
        ThreadCache[]? caches = t_caches;
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Disabled(caches);
        }

        if (caches is null || caches.Length <= _slot)
        {
            int length = caches?.Length ?? 0;
            Array.Resize(ref caches, Math.Max(_slot + 1, Math.Max(length, 2) * 2));
            caches.AsSpan(length).Fill(None);
            t_caches = caches;
        }

        // Anything else in the slot belongs to a disposed set that had this slot before, and was emptied then.
        var cache = new ThreadCache(_capacities, Volatile.Read(ref _token));
        List<(int SizeClass, object Item)>? dead = null;
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return Disabled(caches);
            }

            if (_all.Count >= _pruneAt)
            {
                dead = [];
                PruneDead(dead);

                // The next scan waits until the list has grown by half again: amortized O(1) per registration,
                // and with one thread at a time at most one dead thread's cache is pending.
                _pruneAt = _all.Count + Math.Max(1, _all.Count / 2);
            }

            _all.Add(cache);
        }

        caches[_slot] = cache;
        if (dead is not null)
        {
            GiveToSink(dead);
        }

        return cache;
    }

    /// <summary>
    /// After disposal: gives back what this thread's own cache of this set still holds (it was inside an access
    /// when <see cref="Dispose"/> ran), and answers with a cache that holds nothing, so every return spills to the
    /// sink, which drops what a disposed pool gets back. The slot may belong to another set by now.
    /// </summary>
    private ThreadCache Disabled(ThreadCache[]? caches)
    {
        if (caches is not null && (uint)_slot < (uint)caches.Length && caches[_slot] is { } stale && stale.Token >> 32 == Id)
        {
            caches[_slot] = None;
            stale.FlushOwn(_sink);
        }

        return new ThreadCache(_disabled, 0);
    }

    /// <summary>
    /// Takes the cached items out of every thread's cache, idle, busy or dead, and hands them to the sink; drops
    /// the caches of dead threads and keeps their counters. A cache whose owner stays inside an access for longer
    /// than a short spin is skipped this round. Safe on any thread, the owners' included.
    /// </summary>
    public void Reclaim()
    {
        var taken = new List<(int SizeClass, object Item)>();
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return;
            }

            PruneDead(taken);
            TakeFromLive(taken);
            TakeFromTransfers(taken);
        }

        GiveToSink(taken);
    }

    /// <summary>Takes every parked batch back for the sink. Lock-free against spills and refills running meanwhile.</summary>
    private void TakeFromTransfers(List<(int SizeClass, object Item)> taken)
    {
        for (int c = 0; c < _transfers.Length; c++)
        {
            Volatile.Read(ref _transfers[c])?.TakeAll(c, taken);
        }
    }

    /// <summary>
    /// Counts a return that reached a disposed set, whose threads no longer count anything (they get a cache that holds
    /// nothing). Takes the lock: returns after disposal are rare, and counting them is what lets a disposed pool report
    /// nothing in use once every lease is back.
    /// </summary>
    /// <param name="sizeClass">The class returned to.</param>
    /// <param name="bytes">Bytes returned, for classes whose items vary in size; 0 where the class has a fixed size.</param>
    public void CountLateReturn(int sizeClass, long bytes)
    {
        lock (_gate)
        {
            _retiredReturns[sizeClass]++;
            _retiredReturnedBytes += bytes;
        }
    }

    /// <summary>
    /// <see cref="Reclaim"/> for a pool at its budget. The live threads' caches are taken at most once per
    /// <see cref="BudgetReclaimIntervalMilliseconds"/> unless <paramref name="force"/>: a pool under sustained overload
    /// misses its budget on every rent, and a reclaim per miss would interrupt every core (the process-wide barrier) and
    /// strip every thread's cache over and over. Dead threads' caches and the transfer caches are taken every time: no
    /// thread will rent from them, and taking them needs no barrier.
    /// </summary>
    /// <returns>True when the live threads' caches were taken too.</returns>
    public bool ReclaimAtBudget(bool force = false)
    {
        long now = Environment.TickCount64;
        long last = Volatile.Read(ref _lastBudgetReclaim);
        if (force || (now - last >= BudgetReclaimIntervalMilliseconds && Interlocked.CompareExchange(ref _lastBudgetReclaim, now, last) == last))
        {
            Reclaim();
            return true;
        }

        var taken = new List<(int SizeClass, object Item)>();
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return false;
            }

            PruneDead(taken);
            TakeFromTransfers(taken);
        }

        GiveToSink(taken);
        return false;
    }

    /// <summary>The least time between two reclaims a budget miss starts.</summary>
    public const int BudgetReclaimIntervalMilliseconds = 50;

    /// <summary>Sums the per-thread counters of live and dead threads, over every owner.</summary>
    public ThreadCacheTotals GetTotals()
    {
        lock (_gate)
        {
            long rents = 0, returns = 0, overflows = _retiredOverflows;
            long rentedBytes = _retiredRentedBytes, returnedBytes = _retiredReturnedBytes;
            for (int c = 0; c < _classCount; c++)
            {
                long classRents = 0, classReturns = _retiredReturns[c];
                for (int at = c; at < _retiredRents.Length; at += _classCount)
                {
                    classRents += _retiredRents[at];
                }

                foreach (ThreadCache cache in _all)
                {
                    for (int owner = 0; owner < ThreadCache.InlineOwners; owner++)
                    {
                        classRents += cache.RentsOf(c, owner);
                    }

                    classReturns += cache.ReturnsOf(c);
                }

                rents += classRents;
                returns += classReturns;
                rentedBytes += classRents * _classBytes[c];
                returnedBytes += classReturns * _classBytes[c];
            }

            foreach (ThreadCache cache in _all)
            {
                overflows += cache.Overflows;
                rentedBytes += cache.RentedBytes;
                returnedBytes += cache.ReturnedBytes;
            }

            return new ThreadCacheTotals(rents, returns, rentedBytes, returnedBytes, overflows);
        }
    }

    /// <summary>
    /// The rents <paramref name="owner"/> made through this set's caches, live and dead threads' alike: their count,
    /// their bytes and how many were of classes larger than <paramref name="largeAbove"/> bytes, all derived from the
    /// owner's per-class counts. For pools whose classes have a fixed size; nothing for owners the caches do not count
    /// (<see cref="ThreadCache.InlineOwners"/> and up).
    /// </summary>
    public OwnerTraffic GetOwnerTotals(int owner, long largeAbove)
    {
        if ((uint)owner >= ThreadCache.InlineOwners)
        {
            return default;
        }

        lock (_gate)
        {
            long rents = 0, bytes = 0, large = 0;
            for (int c = 0; c < _classCount; c++)
            {
                long classRents = _retiredRents[owner * _classCount + c];
                foreach (ThreadCache cache in _all)
                {
                    classRents += cache.RentsOf(c, owner);
                }

                rents += classRents;
                bytes += classRents * _classBytes[c];
                large += _classBytes[c] > largeAbove ? classRents : 0;
            }

            return new OwnerTraffic(rents, bytes, large);
        }
    }

    /// <summary>
    /// Stops caching: every thread's next access goes to the slow path and gets a cache that holds nothing, every
    /// cache is emptied into the sink (which drops the items of a disposed pool) with the reclaim handshake, and
    /// the slot goes back to <see cref="CacheSlotAllocator"/>. Safe on a finalizer thread: it touches no
    /// thread-static state and takes only locks held for bounded work.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A new token sends every thread to the slow path, which sees the disposal.
        Interlocked.Increment(ref _token);
        var taken = new List<(int SizeClass, object Item)>();
        lock (_gate)
        {
            PruneDead(taken);
            TakeFromLive(taken);

            // A spill racing with this may still park a batch; it stays with the disposed set and goes to the GC.
            TakeFromTransfers(taken);

            // The counters stay readable through GetTotals; the set keeps no cache. A cache that was busy just now
            // keeps its items until its owner's next access to this set, which flushes it (see Disabled), or until
            // another set takes the slot over on that thread and leaves them to the GC.
            foreach (ThreadCache cache in _all)
            {
                Retire(cache);
            }

            _all.Clear();
        }

        GiveToSink(taken);
        CacheSlotAllocator.Release(_slot);
    }

    /// <summary>Empties, retires and drops the caches of dead threads. Caller holds <see cref="_gate"/>.</summary>
    private void PruneDead(List<(int SizeClass, object Item)> taken)
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        bool fenced = false;
        for (int i = _all.Count - 1; i >= 0; i--)
        {
            ThreadCache cache = _all[i];
            if (cache.Owner.IsAlive)
            {
                continue;
            }

            if (!fenced)
            {
                // Orders our reads of the dead thread's items and counters after our read of its state.
                Interlocked.MemoryBarrier();
                fenced = true;
            }

            cache.TakeAllFromDead(taken);
            Retire(cache);
            _all[i] = _all[^1];
            _all.RemoveAt(_all.Count - 1);
        }
    }

    /// <summary>Folds a cache's counters into the retired totals; the caller drops it from the list at once.</summary>
    private void Retire(ThreadCache cache)
    {
        for (int c = 0; c < _classCount; c++)
        {
            for (int owner = 0; owner < ThreadCache.InlineOwners; owner++)
            {
                _retiredRents[owner * _classCount + c] += cache.RentsOf(c, owner);
            }

            _retiredReturns[c] += cache.ReturnsOf(c);
        }

        _retiredOverflows += cache.Overflows;
        _retiredRentedBytes += cache.RentedBytes;
        _retiredReturnedBytes += cache.ReturnedBytes;
    }

    /// <summary>
    /// The reclaimer's half of the handshake on <see cref="ThreadCache"/>, for every listed cache that may hold
    /// items. Caller holds <see cref="_gate"/>, which makes this the only reclaimer of the set.
    /// </summary>
    private void TakeFromLive(List<(int SizeClass, object Item)> taken)
    {
        Debug.Assert(Monitor.IsEntered(_gate));

        // An empty cache needs no handshake: items its owner adds after this racy look are no different from items
        // added after the reclaim. Skipping them spares the process-wide barrier when nothing is cached.
        List<ThreadCache>? pending = null;
        foreach (ThreadCache cache in _all)
        {
            if (cache.MayHoldItems())
            {
                (pending ??= []).Add(cache);
            }
        }

        if (pending is null)
        {
            return;
        }

        foreach (ThreadCache cache in pending)
        {
            cache.BeginReclaim();
        }

        // One barrier for the whole batch; see the handshake in README.md for why it makes the owner's side fence-free.
        Interlocked.MemoryBarrierProcessWide();

        SpinWait spinner = default;
        while (true)
        {
            for (int i = pending.Count - 1; i >= 0; i--)
            {
                if (pending[i].TryTakeAll(taken))
                {
                    pending[i].EndReclaim();
                    pending[i] = pending[^1];
                    pending.RemoveAt(pending.Count - 1);
                }
            }

            if (pending.Count == 0 || spinner.Count >= BusySpins)
            {
                break;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        // Still busy: skipped this round; it will be idle next time.
        foreach (ThreadCache cache in pending)
        {
            cache.EndReclaim();
        }
    }

    private void GiveToSink(List<(int SizeClass, object Item)> taken)
    {
        Debug.Assert(!Monitor.IsEntered(_gate));
        foreach ((int sizeClass, object item) in taken)
        {
            _sink.ReturnShared(sizeClass, item);
        }
    }
}
