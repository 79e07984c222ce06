namespace BufferPool.SmallBlock;

/// <summary>
/// The object that stands for one item of one block while the block serves one class. It is created the
/// first time the item is handed out and reused every later time, so steady-state renting allocates nothing,
/// and it is what per-thread caches hold. A pool's lease derives from it, and the engine is generic over that
/// type, so the engine makes the pool's lease itself and hands it back typed.
/// </summary>
internal class ItemSlot(Block block, int index) : IItemSlotFactory<ItemSlot>
{
    public Block Block { get; } = block;

    public int Index { get; } = index;

    /// <summary>The class of the block when the slot was made; stable because slots are dropped on reassignment.</summary>
    public int SizeClass { get; } = block.SizeClass;

    public byte[] Array => Block.SuperBlock.Array;

    public int Offset => Block.ItemOffset(Index);

    public int Length => Block.ItemSize;

    public static ItemSlot Create(SmallBlockEngine<ItemSlot> engine, Block block, int index) => new(block, index);
}

/// <summary>How a <see cref="SmallBlockEngine{TSlot}"/> makes the reusable object of an item.</summary>
internal interface IItemSlotFactory<TSlot>
    where TSlot : ItemSlot, IItemSlotFactory<TSlot>
{
    static abstract TSlot Create(SmallBlockEngine<TSlot> engine, Block block, int index);
}
