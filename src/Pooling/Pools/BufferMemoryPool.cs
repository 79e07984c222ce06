using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;
using BufferPool.Diagnostics;
using BufferPool.Leases;

namespace BufferPool;

/// <summary>
/// The <see cref="MemoryPool{T}"/> side of every BufferPool memory pool: disposal, the budget's fallback, diagnostics
/// mode, statistics and trimming, over an engine. <c>Rent</c> lives in each sealed pool, so a rent is one virtual
/// call, as for any <see cref="MemoryPool{T}"/>.
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
    private readonly UnpooledFallback _fallback;
    private readonly FallbackCounter _fallbacks = new();
    private volatile bool _disposed;

    private protected BufferMemoryPool(string kind, IPoolEngine engine, PoolExhaustionBehavior exhaustion, long? maxReservedBytes, bool diagnosticsMode, LeaseMode leaseMode, int trackingSampleRate)
    {
        Leases = new LeaseIssuer(kind, leaseMode, trackingSampleRate);
        LeaseMode = leaseMode;
        Kind = kind;
        MaxReservedBytes = maxReservedBytes;
        _engine = engine;
        _fallback = new UnpooledFallback(kind, exhaustion, _fallbacks);
        Diagnostics = diagnosticsMode ? new DiagnosticTracker(kind) : null;
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

    /// <summary>Turns a slot's lease into what <c>Rent</c> returns, as the lease mode and sampling say.</summary>
    private protected readonly LeaseIssuer Leases;

    /// <summary>
    /// Called with a message when a sampled lease is used after it was returned, or is collected without being
    /// returned (see <c>TrackingSampleRate</c>); hosting points it at its logger.
    /// </summary>
    internal Action<string>? MisuseReported
    {
        get => Leases.Reporter.Hook;
        set => Leases.Reporter.Hook = value;
    }

    /// <summary>
    /// Called on the renting thread for each rent served outside the pool because its budget was spent, or refused for
    /// that reason (<c>ExhaustionBehavior = Throw</c>); hosting points it at a rate-limited warning. Only the fallback
    /// path reads it.
    /// </summary>
    internal Action<FallbackReport>? FallbackReported
    {
        get => _fallbacks.Hook;
        set => _fallbacks.Hook = value;
    }

    /// <summary>
    /// <c>Rent</c> for a trusted caller that disposes every lease exactly once, such as Kestrel's transport: the slots'
    /// reused leases, whatever <see cref="LeaseMode"/> says, so it allocates nothing. Sampled tracking still applies.
    /// The leases are marked trusted, so their dispose is a plain store (<see cref="LeaseGuard"/>): a second dispose in
    /// sequence still throws, two racing disposes are the caller's broken promise and are not caught.
    /// </summary>
    internal abstract IMemoryOwner<byte> RentReused(int minBufferSize = -1);

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
    /// sampling and diagnostics mode say; <paramref name="cache"/> is the thread cache the rent came through, which keeps
    /// the sampling count. <paramref name="trustedCaller"/> says the caller disposes the lease exactly once
    /// (<see cref="RentReused"/>), so the slot's dispose guard may be a plain store (see <see cref="LeaseGuard"/>).
    /// Inlined into each pool's sealed <c>Rent</c>, where the lease's exact type is known; a rent the engine could not
    /// serve (the budget stopped growth) goes to <see cref="RentFallback"/> instead, so the size of the rent is looked
    /// up only then.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected IMemoryOwner<byte> Issue<TLease>(TLease lease, bool perRent, bool trustedCaller, ThreadCache cache)
        where TLease : class, IPoolLease
    {
        if (Diagnostics is not null)
        {
            // Diagnostics mode's own owner lets one Dispose through to the slot.
            lease.OnRent(trusted: true);
            return Diagnostics.Track(lease);
        }

        return Leases.Issue(lease, perRent, trustedCaller, cache);
    }

    /// <summary>Serves a rent outside the pool when the engine's budget stopped growth, or throws, as the options say.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected IMemoryOwner<byte> RentFallback(int size) => _fallback.Rent(size);

    /// <summary>
    /// In diagnostics mode, the leases rented and not yet returned, with where they were rented; otherwise empty.
    /// </summary>
    public IReadOnlyList<BufferPoolLeak> GetLeaks() => Diagnostics?.GetLeaks() ?? [];

    /// <inheritdoc />
    public BufferPoolStatistics GetStatistics() => _engine.GetFigures().Build(arrays: false, _engine.GetTraffic(), _fallbacks);

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
            Diagnostics?.ReportLeaks();
            BufferPoolRegistry.Unregister(this);
        }

        // From the finalizer the registry drops its dead entry by itself; the engine lets go of its thread caches.
        _engine.Dispose();
    }
}
