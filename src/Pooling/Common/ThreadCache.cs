using System.Runtime.CompilerServices;

namespace BufferPool.Common;

/// <summary>
/// One thread's cache of free items for one pool: a small LIFO per size class, touched only by its thread,
/// so renting and returning through it needs no interlocked instruction.
/// </summary>
/// <remarks>
/// <para>Items are stored as <see cref="object"/> so that this type and its thread-static table are not generic:
/// a thread-static field of a generic type instantiated over reference types costs a generic-dictionary
/// lookup on every access. Each pool stores only its own item type and casts back with
/// <see cref="Unsafe.As{T}(object)"/>.</para>
/// <para>Everything a rent or return touches for one class, the items included, sits in one
/// <see cref="ClassEntry"/>. The counters are written only by the owner thread with plain stores and summed
/// by <see cref="ThreadCacheSet"/>; a snapshot may be a little behind, and 64-bit stores do not tear.</para>
/// </remarks>
internal sealed class ThreadCache
{
    /// <summary>The most items one thread may cache per size class.</summary>
    public const int MaxCapacity = 16;

    private readonly ClassEntry[] _classes;

    public ThreadCache(ThreadCacheSet set, int[] capacities, long token)
    {
        Set = set;
        Owner = Thread.CurrentThread;
        Token = token;
        _classes = new ClassEntry[capacities.Length];
        for (int c = 0; c < capacities.Length; c++)
        {
            _classes[c].Capacity = Math.Min(capacities[c], MaxCapacity);
        }
    }

    public ThreadCacheSet Set { get; }

    public Thread Owner { get; }

    /// <summary>The owning set's token when this cache last flushed; a different token means "flush first".</summary>
    public long Token;

    /// <summary>Returns that found this cache full: the retention cap of the per-thread level.</summary>
    public long Overflows;

    /// <summary>Bytes rented and returned, for pools whose items have no fixed size per class.</summary>
    public long RentedBytes;

    /// <inheritdoc cref="RentedBytes"/>
    public long ReturnedBytes;

    /// <summary>Pops a cached item of <paramref name="sizeClass"/> and counts the rent, cached or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object? Rent(int sizeClass)
    {
        ref ClassEntry entry = ref _classes[sizeClass];
        entry.Rents++;
        int n = entry.Count - 1;
        if (n < 0)
        {
            return null;
        }

        entry.Count = n;
        ref object? slot = ref entry.Items[n];
        object? item = slot;
        slot = null;
        return item;
    }

    /// <summary>Counts the return and caches <paramref name="item"/>; false when the class is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Return(int sizeClass, object item)
    {
        ref ClassEntry entry = ref _classes[sizeClass];
        entry.Returns++;
        int n = entry.Count;
        if (n >= entry.Capacity)
        {
            // A disabled cache (capacity 0) has no cap to hit.
            if (entry.Capacity != 0)
            {
                Overflows++;
            }

            return false;
        }

        entry.Items[n] = item;
        entry.Count = n + 1;
        return true;
    }

    /// <summary>Takes back the count of a rent that could not be served.</summary>
    public void UncountRent(int sizeClass) => _classes[sizeClass].Rents--;

    /// <summary>Counts a rent served around the cache.</summary>
    public void CountRent(int sizeClass) => _classes[sizeClass].Rents++;

    /// <summary>Counts a return taken around the cache.</summary>
    public void CountReturn(int sizeClass) => _classes[sizeClass].Returns++;

    public long RentsOf(int sizeClass) => Volatile.Read(ref _classes[sizeClass].Rents);

    public long ReturnsOf(int sizeClass) => Volatile.Read(ref _classes[sizeClass].Returns);

    /// <summary>Whether <paramref name="item"/> is cached now; used to catch an array returned twice in a row.</summary>
    public bool Contains(int sizeClass, object item)
    {
        ref ClassEntry entry = ref _classes[sizeClass];
        for (int i = 0; i < entry.Count; i++)
        {
            if (ReferenceEquals(entry.Items[i], item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Takes the shortest cached array of <paramref name="sizeClass"/> that is at least
    /// <paramref name="minimumLength"/> long, if the seed's wastage rule lets it serve that request; else null.
    /// Does not count a rent.
    /// </summary>
    public object? TakeBestFit(int sizeClass, int minimumLength, int maxWastagePercent)
    {
        ref ClassEntry entry = ref _classes[sizeClass];
        int best = -1, bestLength = int.MaxValue;
        for (int i = 0; i < entry.Count; i++)
        {
            int length = Unsafe.As<Array>(entry.Items[i]!).Length;
            if (length >= minimumLength && length < bestLength)
            {
                best = i;
                bestLength = length;
            }
        }

        if (best < 0 || !Bitmap.WastagePolicy.ShouldIGive(bestLength, minimumLength, maxWastagePercent))
        {
            return null;
        }

        object item = entry.Items[best]!;
        int last = --entry.Count;
        entry.Items[best] = entry.Items[last];
        entry.Items[last] = null;
        return item;
    }

    /// <summary>Hands every cached item back to the shared store. Only the owner thread, or anyone once it is dead.</summary>
    public void Flush(IThreadCacheSink sink)
    {
        for (int c = 0; c < _classes.Length; c++)
        {
            ref ClassEntry entry = ref _classes[c];
            while (entry.Count > 0)
            {
                entry.Count--;
                object item = entry.Items[entry.Count]!;
                entry.Items[entry.Count] = null;
                sink.ReturnShared(c, item);
            }
        }
    }

    // Everything one class needs on the hot path, items included, in one array element: one bounds check and
    // no further pointer to follow. Storing into an inline array of a struct also skips the covariance check
    // that a store into object[] pays.
    private struct ClassEntry
    {
        public int Count;
        public int Capacity;
        public long Rents;
        public long Returns;
        public CachedItems Items;
    }

    [InlineArray(MaxCapacity)]
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
