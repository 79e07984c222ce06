using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BufferPool.ThreadCaching;

/// <summary>
/// One thread's cache of free items for one pool: a small LIFO per size class, written by its thread without
/// any interlocked instruction, and emptied by its set (<see cref="ThreadCacheSet.Reclaim"/>) without the
/// thread's help.
/// </summary>
/// <remarks>
/// <para>The levels, the owner counting, the token and the reclaim handshake (<c>_busy</c> and <c>_reclaiming</c>)
/// are described once, in this folder's README.md; the methods below say which side of it they are.</para>
/// <para>Everything a rent or return touches for one class, the items included, sits in one
/// <see cref="ClassEntry"/>. The counters are written only by the owner thread with plain stores and summed
/// by <see cref="ThreadCacheSet"/>; a snapshot may be a little behind, and 64-bit stores do not tear. The
/// reclaimer writes only the items and <see cref="ClassEntry.Count"/>, never a counter, so no update of either
/// side is lost.</para>
/// </remarks>
internal sealed class ThreadCache
{
    /// <summary>The most items one thread may cache per size class.</summary>
    public const int MaxCapacity = 16;

    /// <summary>Owners whose rents the caches count: indices 0 to 3. A rent of any other owner index is not counted here.</summary>
    public const int InlineOwners = 4;

    /// <summary>
    /// How many items of <paramref name="itemBytes"/> one thread caches when the pool's setting is
    /// <paramref name="threadCacheSize"/>: the setting's worth of 4 KiB items, so idle threads pin little memory in large
    /// classes, but never fewer than two (or the setting, if smaller). Two is the smallest batch the transfer cache moves,
    /// and the largest classes are the ones Kestrel's output rents on one thread and returns on another: with one item per
    /// thread they would go through the free lists one at a time.
    /// </summary>
    public static int CapacityFor(int threadCacheSize, long itemBytes) =>
        threadCacheSize == 0 ? 0 : (int)Math.Clamp(threadCacheSize * 4096L / Math.Max(itemBytes, 1), Math.Min(2, threadCacheSize), threadCacheSize);

    private readonly ClassEntry[] _classes;

    // Written by the owner only (1 around each access to the items); read by a reclaimer.
    private int _busy;

    // Written by the one reclaimer at work (see ThreadCacheSet); read by the owner at the start of each access.
    private int _reclaiming;

    public ThreadCache(int[] capacities, long token)
    {
        Owner = Thread.CurrentThread;
        Token = token;
        _classes = new ClassEntry[capacities.Length];
        for (int c = 0; c < capacities.Length; c++)
        {
            _classes[c].Capacity = Math.Min(capacities[c], MaxCapacity);
        }
    }

    public Thread Owner { get; }

    /// <summary>
    /// The owning set's token when this cache was made: the high 32 bits name the set, and a different token
    /// (the set bumps it when disposed) sends the owner to the slow path.
    /// </summary>
    public readonly long Token;

    // Written only by the owner thread with plain stores, read by the set's sums; 64-bit stores do not tear.
    private long _overflows;
    private long _rentedBytes;
    private long _returnedBytes;

    /// <summary>Returns that found this cache full: the retention cap of the per-thread level.</summary>
    public long Overflows => Volatile.Read(ref _overflows);

    /// <summary>Bytes rented, for pools whose items have no fixed size per class (see <see cref="CountRentedBytes"/>).</summary>
    public long RentedBytes => Volatile.Read(ref _rentedBytes);

    /// <summary>Bytes returned, for pools whose items have no fixed size per class.</summary>
    public long ReturnedBytes => Volatile.Read(ref _returnedBytes);

    /// <summary>Sampled tracking's countdown for this pool on this thread; owner thread only.</summary>
    public RentSampler Sampler;

    /// <summary>Counts bytes rented; owner thread only.</summary>
    public void CountRentedBytes(long bytes) => _rentedBytes += bytes;

    /// <summary>Counts bytes returned; owner thread only.</summary>
    public void CountReturnedBytes(long bytes) => _returnedBytes += bytes;

    /// <summary>
    /// Pops a cached item of <paramref name="sizeClass"/> and counts it as a rent of <paramref name="owner"/> (if below
    /// <see cref="InlineOwners"/>); null, and nothing counted, when the class is empty or a reclaim is under way. A rent
    /// served around the cache is counted with <see cref="CountRent"/> once it is served.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object? Rent(int sizeClass, int owner = 0)
    {
        ref ClassEntry entry = ref EntryOf(sizeClass);
        object? item = null;
        if (TryEnter())
        {
            // The hot item first: no count to read, so a rent that follows a return on this thread waits on one store only.
            item = entry.Hot;
            if (item is not null)
            {
                entry.Hot = null;
                CountRentIn(ref entry, owner);
            }
            else
            {
                int n = entry.Count - 1;
                if (n >= 0)
                {
                    entry.Count = n;
                    ref object? slot = ref ItemAt(ref entry, n);
                    item = slot;
                    slot = null;
                    CountRentIn(ref entry, owner);
                }
            }

            Exit();
        }

        return item;
    }

    /// <summary>
    /// Counts the return and caches <paramref name="item"/>; false when the class is full or a reclaim is under way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Return(int sizeClass, object item)
    {
        ref ClassEntry entry = ref EntryOf(sizeClass);
        entry.Returns++;
        if (TryEnter())
        {
            if (entry.Hot is null)
            {
                // The stack holds at most Capacity - 1, so an empty hot slot always has room, unless the cache is off.
                if (entry.Capacity != 0)
                {
                    entry.Hot = item;
                    Exit();
                    return true;
                }
            }
            else
            {
                int n = entry.Count;
                if (n < entry.Capacity - 1)
                {
                    // The count first: the item's store calls the GC's write barrier, and this way only the cache itself
                    // must survive that call. Inside the access, the order is the owner's alone (the handshake in README.md).
                    entry.Count = n + 1;
                    ItemAt(ref entry, n) = item;
                    Exit();
                    return true;
                }
            }

            Exit();

            // A disabled cache (capacity 0) has no cap to hit.
            if (entry.Capacity != 0)
            {
                _overflows++;
            }
        }

        return false;
    }

    /// <summary>
    /// The return path when <see cref="Return"/> found the class full: moves the <see cref="TransferCache.BatchSize"/>
    /// most recently cached items (the whole cache, normally) into a free cell of <paramref name="transfer"/> in one step,
    /// then caches <paramref name="item"/>. False when nothing could be moved (no empty batch, or a reclaim is under way); the
    /// caller then returns the item to the free lists itself. Does not count: <see cref="Return"/> counted already.
    /// </summary>
    public bool SpillAndCache(int sizeClass, object item, TransferCache transfer)
    {
        if (!TryEnter())
        {
            return false;
        }

        ref ClassEntry entry = ref _classes[sizeClass];
        Span<object?> stack = entry.Items;
        int n = entry.Count;
        int batchSize = transfer.BatchSize;
        bool done = false;
        if (entry.Hot is null)
        {
            // Not full after all: a reclaim emptied the class between Return and now (a batching class has capacity).
            entry.Hot = item;
            done = true;
        }
        else if (n < entry.Capacity - 1)
        {
            stack[n] = item;
            entry.Count = n + 1;
            done = true;
        }
        else if (n + 1 >= batchSize && transfer.TryBeginPut(out int batch, out long ticket))
        {
            // The batch: the hot item and the top of the stack. The cell is ours alone between TryBeginPut and EndPut,
            // whose release store publishes these writes.
            int rest = n - (batchSize - 1);
            Span<object?> cell = transfer.ItemsOf(batch);
            stack.Slice(rest, batchSize - 1).CopyTo(cell);
            cell[batchSize - 1] = entry.Hot;
            stack.Slice(rest, batchSize - 1).Clear();
            entry.Count = rest;
            entry.Hot = item;
            transfer.EndPut(batch, ticket);
            done = true;
        }

        Exit();
        return done;
    }

    /// <summary>
    /// The rent path when <see cref="Rent"/> found the class empty: takes one full batch of <paramref name="transfer"/>,
    /// caches all of it but one item and returns that one; null when there is no full batch, the batch does not fit, or
    /// a reclaim is under way. Does not count: <see cref="Rent"/> counted the rent already.
    /// </summary>
    public object? Refill(int sizeClass, TransferCache transfer)
    {
        if (!TryEnter())
        {
            return null;
        }

        ref ClassEntry entry = ref _classes[sizeClass];
        Span<object?> stack = entry.Items;
        int n = entry.Count;
        int batchSize = transfer.BatchSize;
        object? item = null;
        if (n + batchSize - 1 <= entry.Capacity - 1 && transfer.TryBeginTake(out int batch, out long ticket))
        {
            // The claim read the cell's sequence with an acquire load that saw the putter's release: its items are visible.
            // All but one go on the stack, which holds Capacity - 1; the one goes to the caller.
            Span<object?> source = transfer.ItemsOf(batch);
            source[..(batchSize - 1)].CopyTo(stack[n..]);
            item = source[batchSize - 1];
            source.Clear();
            entry.Count = n + batchSize - 1;
            transfer.EndTake(batch, ticket);
            Debug.Assert(item is not null, "A full batch holds BatchSize items.");
        }

        Exit();
        return item;
    }

    /// <summary>Takes back the count of a return the pool refused (an array returned twice).</summary>
    public void UncountReturn(int sizeClass) => _classes[sizeClass].Returns--;

    /// <summary>Counts a rent of <paramref name="owner"/> served around the cache; owner thread only.</summary>
    public void CountRent(int sizeClass, int owner = 0) => CountRentIn(ref _classes[sizeClass], owner);

    /// <summary>Counts a return taken around the cache.</summary>
    public void CountReturn(int sizeClass) => _classes[sizeClass].Returns++;

    /// <summary>Rents of <paramref name="sizeClass"/> by <paramref name="owner"/> (below <see cref="InlineOwners"/>) on this thread so far.</summary>
    public long RentsOf(int sizeClass, int owner) => Volatile.Read(ref _classes[sizeClass].Rents[owner]);

    public long ReturnsOf(int sizeClass) => Volatile.Read(ref _classes[sizeClass].Returns);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountRentIn(ref ClassEntry entry, int owner)
    {
        // The pools' own rents pass a constant 0 and the JIT keeps only the increment; no call either way, so nothing the
        // caller holds has to survive one.
        if ((uint)owner < InlineOwners)
        {
            Unsafe.Add(ref entry.Rents[0], owner)++;
        }
    }

    /// <summary>
    /// Whether <paramref name="item"/> is cached now; used to catch an array returned twice in a row. Best effort:
    /// false while a reclaim is under way, when the items are on their way to the shared store.
    /// </summary>
    public bool Contains(int sizeClass, object item)
    {
        if (!TryEnter())
        {
            return false;
        }

        ref ClassEntry entry = ref _classes[sizeClass];
        bool found = ReferenceEquals(entry.Hot, item);
        for (int i = 0; !found && i < entry.Count; i++)
        {
            if (ReferenceEquals(entry.Items[i], item))
            {
                found = true;
                break;
            }
        }

        Exit();
        return found;
    }

    /// <summary>
    /// Takes the shortest cached array of <paramref name="sizeClass"/> that is at least
    /// <paramref name="minimumLength"/> long, if <paramref name="rule"/> lets it serve that request; else null
    /// (also while a reclaim is under way). Does not count a rent.
    /// </summary>
    /// <remarks>Generic over a struct rule, so the JIT compiles the rule's check inline for each pool's rule.</remarks>
    public object? TakeBestFit<TRule>(int sizeClass, int minimumLength, TRule rule)
        where TRule : struct, IFitRule
    {
        if (!TryEnter())
        {
            return null;
        }

        // The hot item is candidate HotIndex, the stack's are their indices.
        const int HotIndex = -2;
        ref ClassEntry entry = ref _classes[sizeClass];
        int best = -1, bestLength = int.MaxValue;
        if (entry.Hot is { } hot && Unsafe.As<Array>(hot).Length is int hotLength && hotLength >= minimumLength)
        {
            best = HotIndex;
            bestLength = hotLength;
        }

        for (int i = 0; i < entry.Count; i++)
        {
            int length = Unsafe.As<Array>(entry.Items[i]!).Length;
            if (length >= minimumLength && length < bestLength)
            {
                best = i;
                bestLength = length;
            }
        }

        object? item = null;
        if (best == HotIndex && rule.Fits(bestLength, minimumLength))
        {
            item = entry.Hot;
            entry.Hot = null;
        }
        else if (best >= 0 && rule.Fits(bestLength, minimumLength))
        {
            item = entry.Items[best]!;
            int last = --entry.Count;
            entry.Items[best] = entry.Items[last];
            entry.Items[last] = null;
        }

        Exit();
        return item;
    }

    /// <summary>Whether any class holds an item. A racy hint for the reclaimer, which may skip an empty cache.</summary>
    public bool MayHoldItems()
    {
        for (int c = 0; c < _classes.Length; c++)
        {
            if (Volatile.Read(ref _classes[c].Count) != 0 || Volatile.Read(ref _classes[c].Hot) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reclaimer side: asks the owner to keep out of the items. Full fence.</summary>
    public void BeginReclaim()
    {
        int was = Interlocked.Exchange(ref _reclaiming, 1);
        Debug.Assert(was == 0, "Reclaims of one set are serialized.");
    }

    /// <summary>
    /// Reclaimer side, after <see cref="BeginReclaim"/> and a process-wide barrier: moves every item into
    /// <paramref name="into"/> unless the owner is inside an access now; false then, and nothing is taken.
    /// </summary>
    public bool TryTakeAll(List<(int SizeClass, object Item)> into)
    {
        Debug.Assert(Volatile.Read(ref _reclaiming) == 1);

        // Acquire: orders the owner's item writes of its last access before our reads (the handshake in README.md).
        if (Volatile.Read(ref _busy) != 0)
        {
            return false;
        }

        MoveItems(into);
        return true;
    }

    /// <summary>Reclaimer side: lets the owner back in. Release: our item writes come before its next access.</summary>
    public void EndReclaim() => Volatile.Write(ref _reclaiming, 0);

    /// <summary>
    /// Takes every item of a cache whose owner has died. The caller has seen <see cref="Thread.IsAlive"/> false and
    /// issued a full fence since; the runtime's thread-exit path, which runs after the thread's last access, is
    /// itself full of interlocked operations, so the dead thread's writes are visible.
    /// </summary>
    public void TakeAllFromDead(List<(int SizeClass, object Item)> into)
    {
        Debug.Assert(!Owner.IsAlive);
        Debug.Assert(Volatile.Read(ref _busy) == 0, "Nothing between TryEnter and Exit can throw.");
        MoveItems(into);
    }

    /// <summary>Owner side: hands every cached item to <paramref name="sink"/> (used after the set's disposal).</summary>
    public void FlushOwn(IThreadCacheSink sink)
    {
        Debug.Assert(Owner == Thread.CurrentThread);
        var items = new List<(int SizeClass, object Item)>();
        if (TryEnter())
        {
            MoveItems(items);
            Exit();
        }

        foreach ((int sizeClass, object item) in items)
        {
            sink.ReturnShared(sizeClass, item);
        }
    }

    private void MoveItems(List<(int SizeClass, object Item)> into)
    {
        for (int c = 0; c < _classes.Length; c++)
        {
            ref ClassEntry entry = ref _classes[c];
            if (entry.Hot is { } hot)
            {
                into.Add((c, hot));
                entry.Hot = null;
            }

            for (int n = entry.Count - 1; n >= 0; n--)
            {
                into.Add((c, entry.Items[n]!));
                entry.Items[n] = null;
            }

            entry.Count = 0;
        }
    }

    /// <summary>
    /// The entry of <paramref name="sizeClass"/> without a bounds check: the hot paths' classes come from the pool's own
    /// class table or from a slot it made, always below the count the cache was made with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ClassEntry EntryOf(int sizeClass)
    {
        Debug.Assert((uint)sizeClass < (uint)_classes.Length, "a class of this cache's pool");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_classes), (nint)(uint)sizeClass);
    }

    /// <summary>Item <paramref name="n"/> of an entry's stack without a bounds check: the stack holds at most Capacity - 1 &lt; <see cref="MaxCapacity"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref object? ItemAt(ref ClassEntry entry, int n)
    {
        Debug.Assert((uint)n < MaxCapacity - 1 && n < entry.Capacity, "the stack holds Capacity - 1 at most");
        return ref Unsafe.Add(ref entry.Items[0], (nint)(uint)n);
    }

    /// <summary>Owner side: raises <c>_busy</c>, then backs off if a reclaimer is at work. See the handshake in README.md.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEnter()
    {
        Volatile.Write(ref _busy, 1);
        if (Volatile.Read(ref _reclaiming) == 0)
        {
            return true;
        }

        Volatile.Write(ref _busy, 0);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => Volatile.Write(ref _busy, 0);

    // Everything one class needs on the hot path, items included, in one array element: no further pointer to
    // follow. Storing into an inline array of a struct also skips the covariance check that a store into object[]
    // pays. Hot, Count and Items are written by the owner inside an access and by a reclaimer that excluded it; Rents
    // and Returns only by the owner, as separate fields, so neither side's store can overwrite the other's.
    //
    // Hot is the item most recently returned when it was empty, and the first one a rent takes: the class holds Hot
    // plus Items[0, Count), at most Capacity in all (the stack at most Capacity - 1). A thread that returns and rents
    // in turn (Kestrel's transport reading a socket) then goes through Hot alone, and a rent's item load waits on the
    // last return's store only; through the stack it would wait on the count's store, then the item's. That chain of
    // stores and loads, carried from each operation to the next, is what bounds a rent-dispose loop, not the number of
    // instructions. The fields every operation touches come first (56 bytes), so one cache line usually serves it.
    private struct ClassEntry
    {
        public object? Hot;
        public int Count;
        public int Capacity;
        public long Returns;
        public OwnerRents Rents;
        public CachedItems Items;
    }

    [InlineArray(InlineOwners)]
    private struct OwnerRents
    {
        private long _rents;
    }

    [InlineArray(MaxCapacity - 1)]
    private struct CachedItems
    {
        private object? _item;
    }
}
