using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;
using BufferPool.Common;

namespace BufferPool;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over libstdc++'s bitmap allocator: one block size
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
public sealed class BitmapMemoryPool : BufferMemoryPool
{
    private readonly BitmapEngine<BitmapLease> _engine;
    private readonly int _blockSize;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public BitmapMemoryPool(BitmapPoolOptions? options = null)
        : this(new BitmapEngine<BitmapLease>(options ??= new BitmapPoolOptions()), options)
    {
    }

    private BitmapMemoryPool(BitmapEngine<BitmapLease> engine, BitmapPoolOptions options)
        : base(BufferPoolKinds.Bitmap, engine, options.ExhaustionBehavior, options.MaxReservedBytes, options.DiagnosticsMode, options.LeaseMode, options.TrackingSampleRate)
    {
        _engine = engine;
        _blockSize = engine.BlockSize;
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _blockSize;

    internal BitmapEngine<BitmapLease> Engine => _engine;

    /// <inheritdoc />
    // Compiled fully optimized at first call (see the README's cold-start note): a fresh server runs tier-0 code for its
    // first seconds, and at tier 0 nothing is inlined, so this one call would be a chain of a dozen.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => Rent(minBufferSize, Leases.PerRent, trustedCaller: false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override IMemoryOwner<byte> RentReused(int minBufferSize = -1) => Rent(minBufferSize, perRent: false, trustedCaller: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IMemoryOwner<byte> Rent(int minBufferSize, bool perRent, bool trustedCaller)
    {
        ThrowIfDisposed();
        if ((uint)(minBufferSize + 1) > (uint)(_blockSize + 1))
        {
            ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _blockSize);
        }

        BitmapLease? lease = _engine.Rent(out ThreadCache cache);
        return lease is null ? RentFallback(_blockSize) : Issue(lease, perRent, trustedCaller, cache);
    }
}
