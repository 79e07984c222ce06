namespace BufferPool.Pools;

/// <summary>
/// The names that rent through one <see cref="BufferMemoryPool"/>, each with the small dense index its rents are counted
/// under in the thread caches (the owner counting of ThreadCaching/README.md): 0 is <see cref="AppOwner"/>, the pool's own <c>Rent</c>; each
/// other name gets the next index the first time a view is made for it, and keeps it. Also the views made, so that
/// disposing the pool ends them, and per owner the rents the thread caches do not count, with interlocked counters:
/// those served outside the pool (budget fallbacks, rare by definition), and the pooled rents of an owner beyond the
/// caches' <c>ThreadCache.InlineOwners</c> (the fifth name to rent through one pool, and later ones: none of the
/// pool's usual owners, <c>app</c>, <c>kestrel</c> and <c>sockets</c>), which its view counts here.
/// </summary>
internal sealed class OwnerTable
{
    /// <summary>The owner of the pool's own <c>Rent</c>.</summary>
    public const string AppOwner = "app";

    /// <summary>The index of <see cref="AppOwner"/>.</summary>
    public const int AppIndex = 0;

    private readonly object _lock = new();
    private readonly List<Owner> _owners = [new Owner(AppOwner)];
    private readonly List<OwnedMemoryPoolView> _views = [];
    private bool _disposed;

    /// <summary>The index of <paramref name="name"/>, given on first use.</summary>
    public int IndexOf(string name)
    {
        lock (_lock)
        {
            int index = _owners.FindIndex(o => o.Name == name);
            if (index < 0)
            {
                index = _owners.Count;
                _owners.Add(new Owner(name));
            }

            return index;
        }
    }

    /// <summary>Every owner so far, in the order they appeared: <see cref="AppOwner"/> first.</summary>
    public IReadOnlyList<Owner> Owners
    {
        get
        {
            lock (_lock)
            {
                return [.. _owners];
            }
        }
    }

    /// <summary>Keeps <paramref name="view"/> to end it with the pool; ends it at once if the pool is disposed already.</summary>
    public void Add(OwnedMemoryPoolView view)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                view.End();
                return;
            }

            _views.Add(view);
        }
    }

    /// <summary>The pool is disposed: every view ends, so that its next rent throws.</summary>
    public void EndViews()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (OwnedMemoryPoolView view in _views)
            {
                view.End();
            }

            _views.Clear();
        }
    }

    private long _pooledRents;
    private long _pooledBytes;

    /// <summary>
    /// Pooled rents that the thread caches did not count (those of owners from <c>ThreadCache.InlineOwners</c> on), which
    /// the pool's totals add to the caches' (fallbacks are in its <c>FallbackCounter</c>).
    /// </summary>
    public (long Rents, long Bytes) PooledOutsideCaches => (Interlocked.Read(ref _pooledRents), Interlocked.Read(ref _pooledBytes));

    /// <summary>Counts a rent of <paramref name="bytes"/> by <paramref name="owner"/> served outside the pool (a budget fallback).</summary>
    public void CountFallback(int owner, int bytes) => OwnerAt(owner).CountRent(bytes);

    /// <summary>
    /// Counts a pooled rent of <paramref name="bytes"/> by <paramref name="owner"/> that the thread caches do not count
    /// (<paramref name="owner"/> is <c>ThreadCache.InlineOwners</c> or above), for the owner and for the pool's totals.
    /// </summary>
    public void CountPooledRent(int owner, int bytes)
    {
        OwnerAt(owner).CountRent(bytes);
        Interlocked.Add(ref _pooledBytes, bytes);
        Interlocked.Increment(ref _pooledRents);
    }

    private Owner OwnerAt(int owner)
    {
        lock (_lock)
        {
            return _owners[owner];
        }
    }

    /// <summary>One owner's name and the rents counted here rather than in the thread caches.</summary>
    internal sealed class Owner(string name)
    {
        private long _rents;
        private long _bytes;
        private long _largeRents;

        public string Name { get; } = name;

        public long Rents => Interlocked.Read(ref _rents);

        public long RentedBytes => Interlocked.Read(ref _bytes);

        public long LargeRents => Interlocked.Read(ref _largeRents);

        public void CountRent(int bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            if (bytes > BufferMemoryPool.DefaultBufferSize)
            {
                Interlocked.Increment(ref _largeRents);
            }

            Interlocked.Increment(ref _rents);
        }
    }
}
