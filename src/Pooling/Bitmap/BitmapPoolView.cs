using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Pools;
using BufferPool.ThreadCaching;

namespace BufferPool.Bitmap;

/// <summary>An owner's view of a <see cref="BitmapMemoryPool"/> (see <see cref="OwnedMemoryPoolView"/>).</summary>
internal sealed class BitmapPoolView : OwnedMemoryPoolView
{
    private readonly BitmapMemoryPool _pool;

    public BitmapPoolView(BitmapMemoryPool pool, string owner, int ownerIndex)
        : base(pool, owner, ownerIndex)
    {
        _pool = pool;
    }

    // Fully optimized from the first call, like the pool's own Rent (see docs/algorithms.md, cold start).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        // The thread's table of caches first: only the arguments are live across the thread-static resolver's call.
        ThreadCache[]? table = ThreadCacheSet.ThreadTable;
        int owner = FastOwner;
        if ((uint)owner >= ThreadCache.InlineOwners)
        {
            return RentGeneral(table, minBufferSize);
        }

        return _pool.RentTrustedUntracked(table, minBufferSize, owner);
    }

    /// <summary>
    /// Every rent the fast path does not serve: an ended view (throws), a pool that tracks rents, an owner that the view
    /// counts itself. A method of its own, so that the hot method inlines one rent path and makes no other call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> RentGeneral(ThreadCache[]? table, int minBufferSize)
    {
        ThrowIfEnded();
        IMemoryOwner<byte> lease = _pool.RentTrusted(table, minBufferSize, OwnerIndex);
        return CountedByCaches ? lease : CountedRent(lease);
    }
}
