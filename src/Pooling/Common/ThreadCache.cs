using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BufferPool.Common;

/// <summary>
/// One thread's cache of free items for one pool: a small LIFO per size class, written by its thread without
/// any interlocked instruction, and emptied by its set (<see cref="ThreadCacheSet.Reclaim"/>) without the
/// thread's help.
/// </summary>
/// <remarks>
/// <para>Items are stored as <see cref="object"/> so that this type and its thread-static table are not generic:
/// a thread-static field of a generic type instantiated over reference types costs a generic-dictionary
/// lookup on every access. Each pool stores only its own item type and casts back with
/// <see cref="Unsafe.As{T}(object)"/>.</para>
/// <para>Everything a rent or return touches for one class, the items included, sits in one
/// <see cref="ClassEntry"/>. The counters are written only by the owner thread with plain stores and summed
/// by <see cref="ThreadCacheSet"/>; a snapshot may be a little behind, and 64-bit stores do not tear. The
/// reclaimer writes only the items and <see cref="ClassEntry.Count"/>, never a counter, so no update of either
/// side is lost.</para>
/// <para><b>Counting.</b> A rent is counted once, in the counter of its class and its <em>owner</em>: a small dense
/// index that a pool gives each name renting through it (0 for the pool's own <c>Rent</c>; views such as Kestrel's get
/// theirs, see <c>BufferMemoryPool.CreateView</c>). Everything else is derived when it is read: a pool's rents are the
/// sum over owners, bytes are counts times class sizes, an owner's large rents are its counts in classes above 4 KiB.
/// The first <see cref="InlineOwners"/> owners of a pool count here, in the class's entry itself, beside the items the
/// rent touches; a pool with more owners counts the later ones' rents itself, with interlocked counters (see
/// <c>OwnerTable</c>). A rent is counted only once it is served, so no reader ever sees a count that is later taken
/// back.</para>
/// <para>The cache holds no reference to its set, its sink or its pool: a thread's table would otherwise keep
/// every pool it ever used reachable. The owning set is known by the high 32 bits of <see cref="Token"/>.</para>
/// <para><b>Handshake with a reclaimer (an asymmetric Dekker protocol).</b> The owner brackets every access to
/// the items with <c>_busy = 1</c> ... <c>_busy = 0</c> (release stores) and, after raising <c>_busy</c>, reads
/// <c>_reclaiming</c> (an acquire load); if it is set, the owner lowers <c>_busy</c> at once and goes around the
/// cache for this one operation. The reclaimer (<see cref="ThreadCacheSet"/>, one at a time) raises
/// <c>_reclaiming</c> on every cache with an interlocked exchange, calls
/// <see cref="Interlocked.MemoryBarrierProcessWide"/> once for the whole batch, and then takes the items of each
/// cache whose <c>_busy</c> it reads as 0 (an acquire load), before lowering <c>_reclaiming</c> (a release store).
/// </para>
/// <para>Why that excludes the owner. Plain Dekker needs a full fence between "store mine" and "load theirs" on
/// both sides; x64 (TSO) may let the owner's load of <c>_reclaiming</c> pass its buffered store of <c>_busy</c>,
/// and Arm64 may reorder the two even more freely, so the owner has no fence on its side. The process-wide
/// barrier (FlushProcessWriteBuffers on Windows, Linux membarrier(2) with MEMBARRIER_CMD_PRIVATE_EXPEDITED, or the
/// runtime's fallback) makes every thread of the process execute a full memory barrier, or be off-CPU (a
/// context switch is one), at some point P inside the call, and returns only after all have. The exchange of
/// <c>_reclaiming</c> is globally visible before the call starts. Take an owner access whose load of
/// <c>_reclaiming</c> read 0. That load cannot come after P in program order (it would then be ordered after
/// the exchange and read 1), so the owner's store <c>_busy = 1</c> before it is also before P, hence visible
/// to everyone when the call returns. The reclaimer's later read of <c>_busy</c> therefore returns that 1, or a
/// later 0 written by the release store that ends the access, in which case the acquire read orders every item
/// write of that access before the reclaimer touches the items. Conversely, any owner access that starts after P
/// reads <c>_reclaiming</c> = 1 and backs off until the reclaimer's release store of 0, which orders the
/// reclaimer's item writes before the owner's next acquire read of 0. The same argument lets a reclaimer that saw
/// <c>_busy = 1</c> wait (briefly) for a 0: the first 0 written after the 1 it saw lies after P, so the owner
/// backs off from then on. The owner pays two plain stores and one plain load on x64 (<c>stlr</c>/<c>ldar</c> on
/// Arm64) and no interlocked instruction; the reclaimer pays the process-wide barrier, which is expensive (an
/// interrupt to every core) but trims are rare. Cheaper alternatives were rejected: an epoch that the owner checks
/// on its next access (what this replaced) never reaches an idle thread, and a lock or interlocked exchange on
/// the owner side costs tens of cycles on every rent and return.</para>
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
                    // must survive that call. Inside the access, the order is the owner's alone (see the remarks).
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

        // Acquire: orders the owner's item writes of its last access before our reads (see the remarks).
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

    /// <summary>Owner side: raises <c>_busy</c>, then backs off if a reclaimer is at work. See the remarks.</summary>
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

/// <summary>Where a <see cref="ThreadCache"/> sends the items it gives up.</summary>
internal interface IThreadCacheSink
{
    void ReturnShared(int sizeClass, object item);
}
