namespace BufferPool.Common;

/// <summary>
/// One thread's cache of free items for one pool: a small LIFO per size class, touched only by its thread,
/// so renting and returning through it needs no interlocked instruction.
/// </summary>
/// <remarks>
/// The statistics fields are written only by the owner thread with plain stores and read by
/// <see cref="ThreadCacheSet{TItem}"/> for snapshots. 64-bit stores do not tear on the platforms .NET runs on,
/// and a snapshot is allowed to be a little behind.
/// </remarks>
internal sealed class ThreadCache<TItem>
{
    private readonly TItem[] _items;
    private readonly int[] _counts;
    private readonly int[] _capacities;
    private readonly int _stride;

    public ThreadCache(ThreadCacheSet<TItem> set, int[] capacities, int stride, int epoch)
    {
        Set = set;
        Owner = Thread.CurrentThread;
        _capacities = capacities;
        _stride = stride;
        _items = new TItem[capacities.Length * stride];
        _counts = new int[capacities.Length];
        Epoch = epoch;
    }

    public ThreadCacheSet<TItem> Set { get; }

    public Thread Owner { get; }

    /// <summary>The trim epoch this cache last flushed at.</summary>
    public int Epoch;

    public long Rents;
    public long Returns;
    public long RentedBytes;
    public long ReturnedBytes;
    public long Overflows;

    public bool TryPop(int sizeClass, out TItem item)
    {
        int n = _counts[sizeClass] - 1;
        if (n < 0)
        {
            item = default!;
            return false;
        }

        int at = sizeClass * _stride + n;
        item = _items[at];
        _items[at] = default!;
        _counts[sizeClass] = n;
        return true;
    }

    public bool TryPush(int sizeClass, TItem item)
    {
        int n = _counts[sizeClass];
        int capacity = _capacities[sizeClass];
        if (n >= capacity)
        {
            // A full cache is the small-block engine's retention cap; a disabled one (0) is not.
            if (capacity != 0)
            {
                Overflows++;
            }

            return false;
        }

        _items[sizeClass * _stride + n] = item;
        _counts[sizeClass] = n + 1;
        return true;
    }

    /// <summary>Whether <paramref name="item"/> is cached now, by reference; used to catch double returns of arrays.</summary>
    public bool Contains(int sizeClass, object item)
    {
        int start = sizeClass * _stride;
        for (int i = start; i < start + _counts[sizeClass]; i++)
        {
            if (ReferenceEquals(_items[i], item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Hands every cached item back to the shared store. Only the owner thread, or anyone once it is dead.</summary>
    public void Flush(IThreadCacheSink<TItem> sink)
    {
        for (int c = 0; c < _counts.Length; c++)
        {
            while (TryPop(c, out TItem item))
            {
                sink.ReturnShared(c, item);
            }
        }
    }
}

/// <summary>Where a <see cref="ThreadCache{TItem}"/> sends the items it gives up.</summary>
internal interface IThreadCacheSink<TItem>
{
    void ReturnShared(int sizeClass, TItem item);
}
