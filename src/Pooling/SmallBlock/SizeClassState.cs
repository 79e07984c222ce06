namespace BufferPool.SmallBlock;

/// <summary>
/// The blocks that serve one size class. Renters pop from <see cref="Active"/> without a lock; the lock on this
/// object is taken only to switch blocks, take a new block, or retire empty ones.
/// </summary>
internal sealed class SizeClassState(int index, int itemSize)
{
    public int Index { get; } = index;

    public int ItemSize { get; } = itemSize;

    /// <summary>The block renters try first. Read without the lock; written under it.</summary>
    public volatile Block? Active;

    /// <summary>Every block assigned to this class. Replaced, never mutated, under the lock.</summary>
    public Block[] Blocks = [];

    /// <summary>Where the next scan for a block with free items starts, so scans rotate.</summary>
    public int ScanStart;
}
