using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;

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

    // Fully optimized from the first call, like the pool's own Rent (see the README's cold-start note).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        // The thread's table of caches first: only the arguments are live across the thread-static resolver's call.
        ThreadCache[]? table = ThreadCacheSet.ThreadTable;
        ThrowIfEnded();
        if (!CountedByCaches)
        {
            return RentCountedHere(table, minBufferSize);
        }

        return _pool.RentTrusted(table, minBufferSize, OwnerIndex);
    }

    // A copy of the rent path of its own, so that the hot method inlines only one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> RentCountedHere(ThreadCache[]? table, int minBufferSize) =>
        CountedRent(_pool.RentTrusted(table, minBufferSize, OwnerIndex));
}
