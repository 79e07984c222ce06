using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.SmallBlock;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over the small-block memory manager: size classes from 64 bytes to
/// <see cref="SmallBlockPoolOptions.BlockSize"/> (64 KiB by default), carved from pinned superblocks, with
/// lock-free free lists and a per-thread cache.
/// </summary>
/// <remarks>
/// <para><c>Rent(-1)</c> and <c>Rent(0)</c> return the default 4096 bytes (Kestrel rents with a size hint of 0);
/// <c>Rent(n)</c> returns at least <c>n</c> bytes, at most 25% more. Leases may be disposed on any thread.
/// Disposing a lease a second time does nothing and leaves the pool intact (docs/contract.md says what each lease mode
/// catches).</para>
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
        : base(BufferPoolKinds.SmallBlock, engine, engine.Caches, options.ExhaustionBehavior, options.MaxReservedBytes, options.DiagnosticsMode, options.LeaseMode, options.TrackingSampleRate)
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
    // Compiled fully optimized at first call (see docs/algorithms.md, cold start): a fresh server runs tier-0 code for its
    // first seconds, and at tier 0 nothing is inlined, so this one call would be a chain of a dozen.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        // The thread's table of caches first (see ThreadCacheSet.ThreadTable).
        ThreadCache[]? table = ThreadCacheSet.ThreadTable;
        ThrowIfDisposed();
        return Rent(table, minBufferSize, OwnerTable.AppIndex, Leases.PerRent, trustedCaller: false);
    }

    /// <summary>The rent of an owner's view (<see cref="SmallBlockPoolView"/>): a trusted caller's reused lease.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal IMemoryOwner<byte> RentTrusted(ThreadCache[]? table, int minBufferSize, int owner) =>
        Rent(table, minBufferSize, owner, perRent: false, trustedCaller: true);

    /// <summary><see cref="RentTrusted"/> when the pool tracks no rent (<see cref="BufferMemoryPool.TracksRents"/> is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal IMemoryOwner<byte> RentTrustedUntracked(ThreadCache[]? table, int minBufferSize, int owner) =>
        Rent(table, minBufferSize, owner, perRent: false, trustedCaller: true, untracked: true);

    private protected override OwnedMemoryPoolView NewView(string owner, int ownerIndex) => new SmallBlockPoolView(this, owner, ownerIndex);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IMemoryOwner<byte> Rent(ThreadCache[]? table, int minBufferSize, int owner, bool perRent, bool trustedCaller, bool untracked = false)
    {
        // Kestrel's segments (4096) and the default size (-1, 0) take one compare; other sizes are looked up out of line.
        if (minBufferSize != DefaultBufferSize && (uint)(minBufferSize + 1) > 1u)
        {
            return RentOtherSize(table, minBufferSize, owner, perRent, trustedCaller);
        }

        return RentClass(table, _defaultClass, owner, perRent, trustedCaller, untracked);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> RentOtherSize(ThreadCache[]? table, int minBufferSize, int owner, bool perRent, bool trustedCaller)
    {
        // One unsigned compare catches both ends: below -1 is a huge unsigned value.
        if ((uint)minBufferSize > (uint)_maxBufferSize)
        {
            ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _maxBufferSize);
        }

        return RentClass(table, _classes.GetIndex(minBufferSize), owner, perRent, trustedCaller);
    }

    /// <summary>
    /// A rent of <paramref name="sizeClass"/>: from the thread's cache inline, with no call (see
    /// <see cref="SmallBlockEngine{TSlot}.RentCached"/>), else through <see cref="RentUncached"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IMemoryOwner<byte> RentClass(ThreadCache[]? table, int sizeClass, int owner, bool perRent, bool trustedCaller, bool untracked = false)
    {
        SmallBlockLease? lease = _engine.RentCached(table, sizeClass, owner, out ThreadCache? cache);
        return lease is null ? RentUncached(sizeClass, owner, perRent, trustedCaller) : Issue(lease, perRent, trustedCaller, cache!, untracked);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> RentUncached(int sizeClass, int owner, bool perRent, bool trustedCaller)
    {
        SmallBlockLease? lease = _engine.RentUncached(sizeClass, owner, out ThreadCache cache);
        return lease is null ? RentFallback(_classes.GetSize(sizeClass), owner) : Issue(lease, perRent, trustedCaller, cache);
    }
}
