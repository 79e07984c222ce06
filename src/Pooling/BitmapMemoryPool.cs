using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;

using BufferPool.Diagnostics;

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
/// <para>Steady-state renting and disposing allocates nothing and takes no lock: a per-thread cache serves
/// it, and behind the cache blocks are claimed with a CAS on a 64-bit bitmap word.</para>
/// </remarks>
public sealed class BitmapMemoryPool : MemoryPool<byte>, IPoolDiagnosticsSource
{
    private readonly BitmapEngine _engine;
    private readonly int _blockSize;
    private readonly UnpooledFallback _fallback;
    private readonly DiagnosticTracker? _diagnostics;
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public BitmapMemoryPool(BitmapPoolOptions? options = null)
    {
        options ??= new BitmapPoolOptions();
        // The factory captures a local, not this pool: leases that threads cache reach the engine only, so their
        // caches do not keep the pool reachable.
        BitmapEngine? engine = null;
        engine = new BitmapEngine(options, (superBlock, index) => new BitmapLease(engine!, superBlock, index));
        _engine = engine;
        _blockSize = _engine.BlockSize;
        _fallback = new UnpooledFallback(BitmapEngine.Kind, options.ExhaustionBehavior, nameof(BitmapPoolOptions), _engine.Fallbacks);
        _diagnostics = options.DiagnosticsMode ? new DiagnosticTracker(BitmapEngine.Kind) : null;
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
        return _diagnostics is null ? lease : _diagnostics.Track(lease);
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
            BufferPoolRegistry.Unregister(this);
            _engine.Dispose();
        }
    }
}
