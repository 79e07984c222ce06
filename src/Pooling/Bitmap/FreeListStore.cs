namespace BufferPool.Bitmap;

/// <summary>
/// The Free List Store of libstdc++'s bitmap allocator: free entries (arrays, or super blocks with their arrays) sorted by length, at most <c>maxEntries</c> of them, searched
/// with a binary search (<c>lower_bound</c>), handing one out only when the 36% wastage rule allows.
/// </summary>
/// <remarks>
/// The store takes a lock, as libstdc++'s does, but it sits on slow paths only: the bitmap engine reaches it
/// when a super block empties or the pool grows, and <see cref="FreeListArrayPool{T}"/> when its per-thread
/// cache misses or overflows.
/// </remarks>
internal sealed class FreeListStore<TEntry>
    where TEntry : class
{
    private readonly List<TEntry> _entries = [];
    private readonly Func<TEntry, int> _lengthOf;
    private readonly Func<TEntry, long> _bytesOf;
    private readonly int _maxEntries;
    private readonly int _maxWastagePercent;
    private long _bytes;
    private long _thresholdHits;

    /// <param name="maxEntries">The cap, 64 in libstdc++.</param>
    /// <param name="maxWastagePercent">The give rule's threshold, 36 in libstdc++.</param>
    /// <param name="lengthOf">The length an entry is sorted and matched by.</param>
    /// <param name="bytesOf">The memory an entry holds, for statistics.</param>
    public FreeListStore(int maxEntries, int maxWastagePercent, Func<TEntry, int> lengthOf, Func<TEntry, long> bytesOf)
    {
        _lengthOf = lengthOf;
        _bytesOf = bytesOf;
        _maxEntries = maxEntries;
        _maxWastagePercent = maxWastagePercent;
    }

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes held in the store.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Times an insert found the store at its cap.</summary>
    public long ThresholdHits => Interlocked.Read(ref _thresholdHits);

    /// <summary>The lengths held, smallest first; for tests.</summary>
    public int[] Lengths()
    {
        lock (_entries)
        {
            return [.. _entries.Select(_lengthOf)];
        }
    }

    /// <summary>The entries held now, smallest first.</summary>
    public TEntry[] Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    /// <summary>
    /// Takes the smallest array of length at least <paramref name="length"/>, if the wastage rule lets it go to
    /// this request; otherwise null.
    /// </summary>
    public TEntry? TryTake(int length)
    {
        lock (_entries)
        {
            int at = LowerBound(length);
            if (at == _entries.Count || !WastagePolicy.ShouldIGive(_lengthOf(_entries[at]), length, _maxWastagePercent))
            {
                return null;
            }

            TEntry entry = _entries[at];
            _entries.RemoveAt(at);
            _bytes -= _bytesOf(entry);
            return entry;
        }
    }

    /// <summary>
    /// Stores <paramref name="entry"/>. When the store is full, the larger of the new entry and the largest
    /// entry is given back (returned) and the hit counted: libstdc++ gives the largest block back to the system
    /// because that reduces external fragmentation.
    /// </summary>
    /// <returns>The entry the caller must let go of, or null if nothing was dropped.</returns>
    public TEntry? Insert(TEntry entry)
    {
        lock (_entries)
        {
            TEntry? dropped = null;
            int length = _lengthOf(entry);
            if (_entries.Count >= _maxEntries)
            {
                _thresholdHits++;
                TEntry largest = _entries[^1];
                if (length >= _lengthOf(largest))
                {
                    return entry;
                }

                _entries.RemoveAt(_entries.Count - 1);
                _bytes -= _bytesOf(largest);
                dropped = largest;
            }

            _entries.Insert(UpperBound(length), entry);
            _bytes += _bytesOf(entry);
            return dropped;
        }
    }

    /// <summary>Whether <paramref name="entry"/> is held now; catches an array returned twice.</summary>
    public bool Contains(TEntry entry)
    {
        lock (_entries)
        {
            int length = _lengthOf(entry);
            for (int i = LowerBound(length); i < _entries.Count && _lengthOf(_entries[i]) == length; i++)
            {
                if (ReferenceEquals(_entries[i], entry))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Removes entries, largest first, until at most <paramref name="retain"/> remain; returns them.</summary>
    public List<TEntry> TrimTo(int retain)
    {
        lock (_entries)
        {
            var removed = new List<TEntry>();
            while (_entries.Count > retain)
            {
                TEntry largest = _entries[^1];
                _entries.RemoveAt(_entries.Count - 1);
                _bytes -= _bytesOf(largest);
                removed.Add(largest);
            }

            return removed;
        }
    }

    // First index whose length is >= length (std::lower_bound).
    private int LowerBound(int length)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_lengthOf(_entries[mid]) < length)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // First index whose length is > length, so equal lengths keep their arrival order (std::upper_bound).
    private int UpperBound(int length) => length == int.MaxValue ? _entries.Count : LowerBound(length + 1);
}
