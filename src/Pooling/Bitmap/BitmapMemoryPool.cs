using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over libstdc++'s bitmap allocator: one block size
/// (<see cref="BitmapPoolOptions.BlockSize"/>, 4096 bytes by default), bitmap super blocks that double as the
/// pool grows, and a Free List Store that keeps empty super blocks for reuse under the 36% wastage rule.
/// </summary>
/// <remarks>
/// <para>Every rent returns one whole block: <c>Rent(-1)</c>, <c>Rent(0)</c> and <c>Rent(n)</c> for
/// <c>n &lt;= MaxBufferSize</c>. Leases may be disposed on any thread; disposing one a second time does nothing and
/// leaves the bitmaps intact (docs/contract.md says what each lease mode catches).</para>
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
        : base(BufferPoolKinds.Bitmap, engine, engine.Caches, options.ExhaustionBehavior, options.MaxReservedBytes, options.DiagnosticsMode, options.LeaseMode, options.TrackingSampleRate)
    {
        _engine = engine;
        _blockSize = engine.BlockSize;
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _blockSize;

    internal BitmapEngine<BitmapLease> Engine => _engine;

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

    /// <summary>The rent of an owner's view (<see cref="BitmapPoolView"/>): a trusted caller's reused lease.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal IMemoryOwner<byte> RentTrusted(ThreadCache[]? table, int minBufferSize, int owner) =>
        Rent(table, minBufferSize, owner, perRent: false, trustedCaller: true);

    /// <summary><see cref="RentTrusted"/> when the pool tracks no rent (<see cref="BufferMemoryPool.TracksRents"/> is false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal IMemoryOwner<byte> RentTrustedUntracked(ThreadCache[]? table, int minBufferSize, int owner) =>
        Rent(table, minBufferSize, owner, perRent: false, trustedCaller: true, untracked: true);

    private protected override OwnedMemoryPoolView NewView(string owner, int ownerIndex) => new BitmapPoolView(this, owner, ownerIndex);

    /// <summary>
    /// A rent: from the thread's cache inline, with no call (see <see cref="BitmapEngine{TSlot}.RentCached"/>), else
    /// through <see cref="RentUncached"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IMemoryOwner<byte> Rent(ThreadCache[]? table, int minBufferSize, int owner, bool perRent, bool trustedCaller, bool untracked = false)
    {
        if ((uint)(minBufferSize + 1) > (uint)(_blockSize + 1))
        {
            ThrowHelper.ThrowRentSizeOutOfRange(minBufferSize, _blockSize);
        }

        BitmapLease? lease = _engine.RentCached(table, owner, out ThreadCache? cache);
        return lease is null ? RentUncached(owner, perRent, trustedCaller) : Issue(lease, perRent, trustedCaller, cache!, untracked);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> RentUncached(int owner, bool perRent, bool trustedCaller)
    {
        BitmapLease? lease = _engine.RentUncached(owner, out ThreadCache cache);
        return lease is null ? RentFallback(_blockSize, owner) : Issue(lease, perRent, trustedCaller, cache);
    }
}
