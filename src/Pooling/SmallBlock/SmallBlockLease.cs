using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Leases;
using BufferPool.ThreadCaching;

namespace BufferPool.SmallBlock;

/// <summary>
/// The owner object of one item slot: created the first time its slot is rented and reused for every later rent
/// of that slot, so steady-state renting allocates nothing.
/// </summary>
internal sealed class SmallBlockLease(SmallBlockEngine<SmallBlockLease> engine, Block block, int index)
    : ItemSlot(block, index), IPoolLease, IItemSlotFactory<SmallBlockLease>
{
    private readonly Memory<byte> _memory = new(block.SuperBlock.Array, block.ItemOffset(index), block.ItemSize);
    private LeaseGuard _guard;

    public Memory<byte> Memory => _guard.Guard(_memory);

    public static SmallBlockLease Create(SmallBlockEngine<SmallBlockLease> engine, Block block, int index) => new(engine, block, index);

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
