namespace BufferPool.SmallBlock;

/// <summary>
/// The object that stands for one item of one block while the block serves one class. It is created the
/// first time the item is handed out and reused every later time, so steady-state renting allocates nothing,
/// and it is what per-thread caches hold. Adapters derive from it (a MemoryPool lease is an item slot) and
/// supply their own subclass through the engine's slot factory.
/// </summary>
internal class ItemSlot(Block block, int index)
{
    public Block Block { get; } = block;

    public int Index { get; } = index;

    /// <summary>The class of the block when the slot was made; stable because slots are dropped on reassignment.</summary>
    public int SizeClass { get; } = block.SizeClass;

    public byte[] Array => Block.SuperBlock.Array;

    public int Offset => Block.ItemOffset(Index);

    public int Length => Block.ItemSize;
}
