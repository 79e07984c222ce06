using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;
using BufferPool.SmallBlock;

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
public sealed class SmallBlockMemoryPool : BufferMemoryPool
{
    private readonly SmallBlockEngine<SmallBlockLease> _engine;
    private readonly SizeClassTable _classes;
    private readonly int _maxBufferSize;
    private readonly int _defaultClass;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SmallBlockMemoryPool(SmallBlockPoolOptions? options = null)
        : this(new SmallBlockEngine<SmallBlockLease>(options ??= new SmallBlockPoolOptions()), options)
    {
    }

    private SmallBlockMemoryPool(SmallBlockEngine<SmallBlockLease> engine, SmallBlockPoolOptions options)
        : base(BufferPoolKinds.SmallBlock, engine, options.ExhaustionBehavior, options.MaxReservedBytes, options.DiagnosticsMode, options.LeaseMode, options.TrackingSampleRate)
    {
        _engine = engine;
        _classes = engine.Classes;
        _maxBufferSize = engine.MaxItemSize;
        _defaultClass = _classes.GetIndex(Math.Min(DefaultBufferSize, _maxBufferSize));
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _maxBufferSize;

    internal SmallBlockEngine<SmallBlockLease> Engine => _engine;

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

        SmallBlockLease? lease = _engine.Rent(sizeClass, out ThreadCache cache);
        return lease is null ? RentFallback(_classes.GetSize(sizeClass)) : Issue(lease, perRent, trustedCaller, cache);
    }
}
