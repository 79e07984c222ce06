namespace BufferPool.Bitmap;

/// <summary>
/// The reusable object that stands for one block of one super block. A lease derives from it, so the owning
/// super block of a returned block is found in O(1) from the lease (libstdc++ scans its vector linearly).
/// </summary>
internal class BitmapSlot(BitmapSuperBlock superBlock, int index)
{
    public BitmapSuperBlock SuperBlock { get; } = superBlock;

    public int Index { get; } = index;

    public byte[] Array => SuperBlock.Array;

    public int Offset => Index * SuperBlock.BlockSize;

    public int Length => SuperBlock.BlockSize;
}
