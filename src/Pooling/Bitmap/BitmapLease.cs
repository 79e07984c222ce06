using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Leases;
using BufferPool.ThreadCaching;

namespace BufferPool.Bitmap;

/// <summary>
/// The owner object of one block of one super block: created the first time the block is rented and reused after,
/// so steady-state renting allocates nothing.
/// </summary>
internal sealed class BitmapLease(BitmapEngine<BitmapLease> engine, BitmapSuperBlock superBlock, int index)
    : BitmapSlot(superBlock, index), IPoolLease, IBitmapSlotFactory<BitmapLease>
{
    private readonly Memory<byte> _memory = new(superBlock.Array, superBlock.BlockOffset(index), superBlock.BlockSize);
    private LeaseGuard _guard;

    public Memory<byte> Memory => _guard.Guard(_memory);

    public static BitmapLease Create(BitmapEngine<BitmapLease> engine, BitmapSuperBlock superBlock, int index) => new(engine, superBlock, index);

    public void OnRent(bool trusted) => _guard.OnRent(trusted);

    // Compiled fully optimized at first call (see docs/algorithms.md, cold start): a fresh server runs tier-0 code for its
    // first seconds, and at tier 0 nothing is inlined, so this one call would be a chain of a dozen.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispose()
    {
        // The thread's table of caches first: nothing is live across the runtime's thread-static resolver yet (see
        // ThreadCacheSet.ThreadTable). A second Dispose finds the lease returned and is ignored.
        ThreadCache[]? table = ThreadCacheSet.ThreadTable;
        if (_guard.TryDispose())
        {
            engine.Return(this, table);
        }
    }
}
