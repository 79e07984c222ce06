namespace BufferPool.Bitmap;

/// <summary>
/// The reusable object that stands for one block of one super block. A lease derives from it, so the owning
/// super block of a returned block is found in O(1) from the lease (libstdc++ scans its vector linearly). The
/// engine is generic over the lease type, so it makes the pool's lease itself and hands it back typed.
/// </summary>
internal class BitmapSlot(BitmapSuperBlock superBlock, int index) : IBitmapSlotFactory<BitmapSlot>
{
    public BitmapSuperBlock SuperBlock { get; } = superBlock;

    public int Index { get; } = index;

    public byte[] Array => SuperBlock.Array;

    public int Offset => SuperBlock.BlockOffset(Index);

    public int Length => SuperBlock.BlockSize;

    public static BitmapSlot Create(BitmapEngine<BitmapSlot> engine, BitmapSuperBlock superBlock, int index) => new(superBlock, index);
}

/// <summary>How a <see cref="BitmapEngine{TSlot}"/> makes the reusable object of a block.</summary>
internal interface IBitmapSlotFactory<TSlot>
    where TSlot : BitmapSlot, IBitmapSlotFactory<TSlot>
{
    static abstract TSlot Create(BitmapEngine<TSlot> engine, BitmapSuperBlock superBlock, int index);
}
