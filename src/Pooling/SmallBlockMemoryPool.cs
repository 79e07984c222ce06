using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;
using BufferPool.SmallBlock;

using BufferPool.Diagnostics;

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
/// <para>Steady-state renting and disposing allocates nothing: the lease objects are reused per slot.</para>
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
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SmallBlockMemoryPool(SmallBlockPoolOptions? options = null)
    {
        options ??= new SmallBlockPoolOptions();
        // The factory captures a local, not this pool: leases that threads cache reach the engine only, so their
        // caches do not keep the pool reachable.
        SmallBlockEngine? engine = null;
        engine = new SmallBlockEngine(options, (block, index) => new SmallBlockLease(engine!, block, index));
        _engine = engine;
        _classes = _engine.Classes;
        _maxBufferSize = _engine.MaxItemSize;
        _defaultClass = _classes.GetIndex(Math.Min(DefaultBufferSize, _maxBufferSize));
        _diagnostics = options.DiagnosticsMode ? new DiagnosticTracker(SmallBlockEngine.Kind) : null;
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
        return _diagnostics is null ? lease : _diagnostics.Track(lease);
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
            BufferPoolRegistry.Unregister(this);
            _engine.Dispose();
        }
    }
}
