using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;

using BufferPool.Diagnostics;
using BufferPool.Leases;

namespace BufferPool;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over libstdc++'s bitmap allocator (seed 003): one block size
/// (<see cref="BitmapPoolOptions.BlockSize"/>, 4096 bytes by default), bitmap super blocks that double as the
/// pool grows, and a Free List Store that keeps empty super blocks for reuse under the 36% wastage rule.
/// </summary>
/// <remarks>
/// <para>Every rent returns one whole block: <c>Rent(-1)</c>, <c>Rent(0)</c> and <c>Rent(n)</c> for
/// <c>n &lt;= MaxBufferSize</c>. Leases may be disposed on any thread; disposing one twice throws
/// <see cref="InvalidOperationException"/> and leaves the bitmaps intact.</para>
/// <para>Steady-state renting and disposing takes no lock, and with <see cref="LeaseMode.Reused"/> allocates nothing
/// (by default, <see cref="LeaseMode.PerRent"/>, each rent allocates one 24-byte owner object): a per-thread cache serves
/// it, and behind the cache blocks are claimed with a CAS on a 64-bit bitmap word.</para>
/// </remarks>
public sealed class BitmapMemoryPool : MemoryPool<byte>, IPoolDiagnosticsSource
{
    private readonly BitmapEngine _engine;
    private readonly int _blockSize;
    private readonly UnpooledFallback _fallback;
    private readonly DiagnosticTracker? _diagnostics;
    private readonly LeaseIssuer _leases;
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public BitmapMemoryPool(BitmapPoolOptions? options = null)
    {
        options ??= new BitmapPoolOptions();
        _engine = new BitmapEngine(options, (superBlock, index) => new BitmapLease(_engine!, superBlock, index));
        _blockSize = _engine.BlockSize;
        _fallback = new UnpooledFallback(BitmapEngine.Kind, options.ExhaustionBehavior, nameof(BitmapPoolOptions), _engine.Fallbacks);
        _diagnostics = options.DiagnosticsMode ? new DiagnosticTracker(BitmapEngine.Kind) : null;
        _leases = new LeaseIssuer(BitmapEngine.Kind, options.LeaseMode, options.TrackingSampleRate);
        BufferPoolRegistry.Register(this);
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _blockSize;

    internal BitmapEngine Engine => _engine;

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (_disposed)
        {
            ThrowHelper.ThrowObjectDisposed(this);
        }

        if ((uint)(minBufferSize + 1) > (uint)(_blockSize + 1))
        {
            ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _blockSize);
        }

        BitmapSlot? slot = _engine.Rent();
        if (slot is null)
        {
            return _fallback.Rent(_blockSize);
        }

        // Every slot of this engine is made by this pool's factory.
        BitmapLease lease = Unsafe.As<BitmapLease>(slot);
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

    string IPoolDiagnosticsSource.Kind => BitmapEngine.Kind;

    string IPoolDiagnosticsSource.Owner => "app";

    /// <summary>
    /// In diagnostics mode, the leases rented and not yet returned, with where they were rented; otherwise empty.
    /// </summary>
    public IReadOnlyList<BufferPoolLeak> GetLeaks() => _diagnostics?.GetLeaks() ?? [];

    /// <summary>A snapshot of the pool's counters.</summary>
    public BufferPoolStatistics GetStatistics() => _engine.GetStatistics();

    /// <summary>Empties the Free List Store down to <see cref="BitmapPoolOptions.RetainedFreeListEntries"/>; returns the bytes released.</summary>
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
