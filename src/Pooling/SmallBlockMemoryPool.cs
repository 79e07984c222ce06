using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;
using BufferPool.SmallBlock;

using BufferPool.Diagnostics;
using BufferPool.Leases;

namespace BufferPool;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over the small-block memory manager: size classes from 64 bytes to
/// <see cref="SmallBlockPoolOptions.BlockSize"/> (64 KiB by default), carved from pinned superblocks, with
/// lock-free free lists and a per-thread cache.
/// </summary>
/// <remarks>
/// <para><c>Rent(-1)</c> and <c>Rent(0)</c> return the default 4096 bytes (Kestrel rents with a size hint of 0);
/// <c>Rent(n)</c> returns at least <c>n</c> bytes, at most 25% more. Leases may be disposed on any thread.
/// Disposing a lease twice throws <see cref="InvalidOperationException"/> and leaves the pool intact.</para>
/// <para>Each rent allocates one 24-byte owner object by default (<see cref="LeaseMode.PerRent"/>); with
/// <see cref="LeaseMode.Reused"/> steady-state renting and disposing allocates nothing, as the slots' lease objects
/// are handed out themselves.</para>
/// </remarks>
public sealed class SmallBlockMemoryPool : MemoryPool<byte>, IPoolDiagnosticsSource
{
    /// <summary>The size of <c>Rent(-1)</c> and <c>Rent(0)</c>.</summary>
    public const int DefaultBufferSize = 4096;

    private readonly SmallBlockEngine _engine;
    private readonly SizeClassTable _classes;
    private readonly int _maxBufferSize;
    private readonly int _defaultClass;
    private readonly UnpooledFallback _fallback;
    private readonly DiagnosticTracker? _diagnostics;
    private readonly LeaseIssuer _leases;
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SmallBlockMemoryPool(SmallBlockPoolOptions? options = null)
    {
        options ??= new SmallBlockPoolOptions();
        _engine = new SmallBlockEngine(options, (block, index) => new SmallBlockLease(_engine!, block, index));
        _classes = _engine.Classes;
        _maxBufferSize = _engine.MaxItemSize;
        _defaultClass = _classes.GetIndex(Math.Min(DefaultBufferSize, _maxBufferSize));
        _diagnostics = options.DiagnosticsMode ? new DiagnosticTracker(SmallBlockEngine.Kind) : null;
        _leases = new LeaseIssuer(SmallBlockEngine.Kind, options.LeaseMode, options.TrackingSampleRate);
        BufferPoolRegistry.Register(this);
        _fallback = new UnpooledFallback(SmallBlockEngine.Kind, options.ExhaustionBehavior, nameof(SmallBlockPoolOptions), _engine.Fallbacks);
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _maxBufferSize;

    internal SmallBlockEngine Engine => _engine;

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (_disposed)
        {
            ThrowHelper.ThrowObjectDisposed(this);
        }

        int sizeClass = _defaultClass;
        if (minBufferSize > 0)
        {
            if (minBufferSize > _maxBufferSize)
            {
                ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _maxBufferSize);
            }

            sizeClass = _classes.GetIndex(minBufferSize);
        }
        else if (minBufferSize < -1)
        {
            ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _maxBufferSize);
        }

        ItemSlot? slot = _engine.Rent(sizeClass);
        if (slot is null)
        {
            return _fallback.Rent(_classes.GetSize(sizeClass));
        }

        // Every slot of this engine is made by this pool's factory.
        SmallBlockLease lease = Unsafe.As<SmallBlockLease>(slot);
        lease.OnRent();
        return _diagnostics is null ? _leases.Issue(lease) : _diagnostics.Track(lease);
    }

    /// <summary>
    /// Called with a message when a lease that sampled tracking follows is used after it was returned or is
    /// collected without being returned (see <c>TrackingSampleRate</c>); hosting points it at its logger.
    /// </summary>
    internal Action<string>? MisuseReported
    {
        get => _leases.Reporter.Hook;
        set => _leases.Reporter.Hook = value;
    }

    string IPoolDiagnosticsSource.Kind => SmallBlockEngine.Kind;

    string IPoolDiagnosticsSource.Owner => "app";

    /// <summary>
    /// In diagnostics mode, the leases rented and not yet returned, with where they were rented; otherwise empty.
    /// </summary>
    public IReadOnlyList<BufferPoolLeak> GetLeaks() => _diagnostics?.GetLeaks() ?? [];

    /// <summary>A snapshot of the pool's counters.</summary>
    public BufferPoolStatistics GetStatistics() => _engine.GetStatistics();

    /// <summary>Releases idle superblocks beyond <see cref="SmallBlockPoolOptions.RetainedSuperBlocks"/>; returns the bytes released.</summary>
    public long Trim() => _engine.Trim();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _diagnostics?.ReportLeaks();
            _leases.Reporter.OnPoolDisposed();
            BufferPoolRegistry.Unregister(this);
            _engine.Dispose();
        }
    }
}
