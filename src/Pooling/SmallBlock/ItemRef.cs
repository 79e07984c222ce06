namespace BufferPool.SmallBlock;

/// <summary>One item of one block: what the engine hands out and takes back.</summary>
internal readonly record struct ItemRef(Block Block, int Index)
{
    public byte[] Array => Block.SuperBlock.Array;

    public int Offset => Block.ItemOffset(Index);

    public int Length => Block.ItemSize;
}
