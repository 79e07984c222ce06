using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;
using BufferPool.Leases;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// The <see cref="MemoryPool{T}"/> side of every BufferPool memory pool: disposal, the budget's fallback, diagnostics
/// mode, statistics, owners' views and trimming, over an engine. <c>Rent</c> lives in each sealed pool, so a rent is one
/// virtual call, as for any <see cref="MemoryPool{T}"/>.
/// </summary>
/// <remarks>
/// A pool that is dropped without <see cref="MemoryPool{T}.Dispose()"/> is still collected: nothing in the process
/// holds it strongly, and its finalizer lets go of its engine's thread caches.
/// </remarks>
public abstract class BufferMemoryPool : MemoryPool<byte>, IBufferPool
{
    /// <summary>The size of <c>Rent(-1)</c> and <c>Rent(0)</c>: Kestrel rents with a size hint of 0 and wants 4 KiB.</summary>
    public const int DefaultBufferSize = 4096;

    private readonly IPoolEngine _engine;
    private readonly ThreadCacheSet _caches;
    private readonly UnpooledFallback _fallback;
    private readonly FallbackCounter _fallbacks;
    private readonly OwnerTable _owners = new();
    private volatile bool _disposed;

    private protected BufferMemoryPool(string kind, IPoolEngine engine, ThreadCacheSet caches, PoolExhaustionBehavior exhaustion, long? maxReservedBytes, bool diagnosticsMode, LeaseMode leaseMode, int trackingSampleRate)
    {
        _fallbacks = new FallbackCounter(this);
        var reporter = new LeaseMisuseReporter(kind, this);
        Diagnostics = diagnosticsMode ? new DiagnosticTracker(kind, reporter) : null;
        Leases = new LeaseIssuer(leaseMode, trackingSampleRate, reporter, Diagnostics);
        LeaseMode = leaseMode;
        Kind = kind;
        MaxReservedBytes = maxReservedBytes;
        _engine = engine;
        _caches = caches;
        _fallback = new UnpooledFallback(kind, exhaustion, _fallbacks);
        BufferPoolRegistry.Register(this);
    }

    /// <summary>Finalizes a pool that was dropped without being disposed: its engine lets go of its thread caches.</summary>
    ~BufferMemoryPool() => Dispose(false);

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public string Name => Kind;

    /// <inheritdoc />
    public Type ElementType => typeof(byte);

    /// <inheritdoc />
    public long? MaxReservedBytes { get; }

    /// <summary>How leases are handed out: one owner object per rent, or the slots' reused ones.</summary>
    public LeaseMode LeaseMode { get; }

    /// <summary>Diagnostics mode's tracker, or null when the mode is off.</summary>
    private protected DiagnosticTracker? Diagnostics { get; }

    /// <summary>Turns a slot's lease into what <c>Rent</c> returns, as the lease mode, sampling and diagnostics mode say.</summary>
    private protected readonly LeaseIssuer Leases;

    /// <summary>
    /// Raised when a tracked lease (sampled, see <c>TrackingSampleRate</c>, or any in diagnostics mode) is used or
    /// disposed after it was returned, on the misusing thread, or when a sampled one is collected without being returned,
    /// on the finalizer thread. Hosting writes it to the <c>BufferPool</c> log. A handler must not throw.
    /// </summary>
    public event EventHandler<BufferPoolMisuseEventArgs>? MisuseDetected
    {
        add => Leases.Reporter.Misuse.Add(value);
        remove => Leases.Reporter.Misuse.Remove(value);
    }

    /// <inheritdoc />
    /// <remarks>A memory pool's fallbacks are rents past <c>MaxReservedBytes</c>: served outside the pool, or refused
    /// (<c>ExhaustionBehavior = Throw</c>).</remarks>
    public event EventHandler<BufferPoolFallbackEventArgs>? FallbackOccurred
    {
        add => _fallbacks.Occurred.Add(value);
        remove => _fallbacks.Occurred.Remove(value);
    }

    /// <summary>
    /// A <see cref="MemoryPool{T}"/> over this pool whose rents count for <paramref name="owner"/> (see
    /// <see cref="GetOwnerStatistics"/>), for a caller that disposes every lease exactly once, such as Kestrel's transport
    /// (hosting's <c>IMemoryPoolFactory&lt;byte&gt;</c> hands these out) or a pipe.
    /// </summary>
    /// <remarks>
    /// <para>The view hands out the slots' reused leases whatever <see cref="LeaseMode"/> says, so renting and disposing
    /// allocate nothing and take no lock or interlocked instruction. It trusts its caller: a lease's <c>Dispose</c> is a
    /// plain store. A second <c>Dispose</c> of a lease in sequence is ignored; two <c>Dispose</c> calls racing on two
    /// threads, or one through a reference kept after the slot was rented again, are outside the contract and may hand
    /// one buffer to two renters. Diagnostics mode and <c>TrackingSampleRate</c> apply to views too, and catch those.</para>
    /// <para>Disposing the view ends only the view; disposing the pool ends every view. <paramref name="owner"/>
    /// <c>app</c> counts with the pool's own <c>Rent</c>.</para>
    /// </remarks>
    /// <param name="owner">The owner's name, the <c>bufferpool.owner</c> tag.</param>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is null or empty.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public MemoryPool<byte> CreateView(string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ThrowIfDisposed();
        OwnedMemoryPoolView view = NewView(owner, _owners.IndexOf(owner));
        _owners.Add(view);
        return view;
    }

    /// <summary>The pool's sealed view type, over its own inlined rent path.</summary>
    private protected abstract OwnedMemoryPoolView NewView(string owner, int ownerIndex);

    /// <summary>
    /// The rents of each owner that rented through this pool: <c>app</c> (the pool's own <c>Rent</c>) first, then each
    /// name given to <see cref="CreateView"/>, in the order they appeared. They add up to the pool's totals.
    /// </summary>
    public IReadOnlyList<BufferPoolOwnerStatistics> GetOwnerStatistics()
    {
        IReadOnlyList<OwnerTable.Owner> owners = _owners.Owners;
        var statistics = new BufferPoolOwnerStatistics[owners.Count];
        for (int i = 0; i < owners.Count; i++)
        {
            OwnerTable.Owner owner = owners[i];
            OwnerTraffic pooled = _caches.GetOwnerTotals(i, DefaultBufferSize);
            statistics[i] = new BufferPoolOwnerStatistics
            {
                Owner = owner.Name,
                RentCount = pooled.Rents + owner.Rents,
                RentedBytes = pooled.RentedBytes + owner.RentedBytes,
                LargeRentCount = pooled.LargeRents + owner.LargeRents,
            };
        }

        return statistics;
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the pool is disposed: the first thing a rent does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowHelper.ThrowObjectDisposed(this);
        }
    }

    /// <summary>
    /// The end of every rent that the engine served: the engine's lease, marked rented and issued as the lease mode,
    /// sampling and diagnostics mode say (see <see cref="LeaseIssuer"/>); <paramref name="cache"/> is the thread cache the
    /// rent came through, which keeps the sampling count. <paramref name="trustedCaller"/> says the caller disposes the
    /// lease exactly once (a view), so the slot's dispose guard may be a plain store (see <see cref="LeaseGuard"/>).
    /// Inlined into each pool's sealed rent, where the lease's exact type is known; a rent the engine could not serve
    /// (the budget stopped growth) goes to <see cref="RentFallback"/> instead, so the size of the rent is looked up only
    /// then.
    /// </summary>
    /// <param name="lease">The engine's lease.</param>
    /// <param name="perRent">Whether to wrap it in an owner of its own (<see cref="LeaseMode.PerRent"/>).</param>
    /// <param name="trustedCaller">Whether the caller disposes it exactly once.</param>
    /// <param name="cache">The thread cache the rent came through.</param>
    /// <param name="untracked">
    /// A constant true where the caller knows the pool tracks no rent (an owner's view checks when it is made), so the
    /// sampling countdown is not read at all.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected IMemoryOwner<byte> Issue<TLease>(TLease lease, bool perRent, bool trustedCaller, ThreadCache cache, bool untracked = false)
        where TLease : class, IPoolLease =>
        untracked ? LeaseIssuer.IssueUntracked(lease, perRent, trustedCaller) : Leases.Issue(lease, perRent, trustedCaller, cache);

    /// <summary>Whether some rents are tracked (sampling or diagnostics mode): a view of such a pool takes the general path.</summary>
    internal bool TracksRents => Leases.Tracks;

    /// <summary>
    /// Serves a rent of <paramref name="owner"/> outside the pool when the engine's budget stopped growth, or throws, as
    /// the options say.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected IMemoryOwner<byte> RentFallback(int size, int owner)
    {
        IMemoryOwner<byte> lease = _fallback.Rent(size);
        _owners.CountFallback(owner, size);
        return lease;
    }

    /// <summary>
    /// Counts a pooled rent of an owner that the thread caches do not count (see <see cref="OwnerTable"/>); its view calls
    /// this for every rent that <see cref="RentFallback"/> did not serve.
    /// </summary>
    internal void CountPooledRent(int owner, int bytes) => _owners.CountPooledRent(owner, bytes);

    /// <summary>
    /// In diagnostics mode, the leases rented and not yet returned, with where they were rented; otherwise empty.
    /// </summary>
    public IReadOnlyList<BufferPoolLeak> GetLeaks() => Diagnostics?.GetLeaks() ?? [];

    /// <inheritdoc />
    public BufferPoolStatistics GetStatistics()
    {
        ThreadCacheTotals traffic = _engine.GetTraffic();
        (long rents, long bytes) = _owners.PooledOutsideCaches;
        traffic = traffic with { Rents = traffic.Rents + rents, RentedBytes = traffic.RentedBytes + bytes };
        return _engine.GetFigures().Build(arrays: false, traffic, _fallbacks);
    }

    /// <inheritdoc />
    public long Trim() => _disposed ? 0 : _engine.Trim();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // A constructor that threw on a bad option leaves a finalizable object with no engine.
        if (_disposed || _engine is null)
        {
            return;
        }

        _disposed = true;
        Leases.Reporter.OnPoolDisposed();
        if (disposing)
        {
            // A finalized pool has no views left: each refers to it.
            _owners.EndViews();
            Diagnostics?.ReportLeaks();
            BufferPoolRegistry.Unregister(this);
        }

        // From the finalizer the registry drops its dead entry by itself; the engine lets go of its thread caches.
        _engine.Dispose();
    }
}
