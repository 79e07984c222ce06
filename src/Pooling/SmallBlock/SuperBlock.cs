using BufferPool.Common;

namespace BufferPool.SmallBlock;

/// <summary>
/// One pinned array from the pinned object heap, cut into blocks. Its free blocks form a lock-free list
/// (the small-block memory manager of Stack Overflow answer 1485417: "When you allocate a SuperBlock, you make a linked list of Free Blocks").
/// </summary>
internal sealed class SuperBlock
{
    private int[] _nextFreeBlock;
    private long _freeBlocks;

    public SuperBlock(int superBlockSize, int blockSize)
    {
        Array = GC.AllocateUninitializedArray<byte>(superBlockSize, pinned: true);

        // Pinned for life, so the address is a stable key for the range map.
        Address = Addresses.Of(Array, 0);
        Blocks = new Block[superBlockSize / blockSize];
        for (int i = 0; i < Blocks.Length; i++)
        {
            Blocks[i] = new Block(this, i, i * blockSize);
        }

        _nextFreeBlock = new int[Blocks.Length];
        _freeBlocks = IndexStack.Fill(0, _nextFreeBlock, Blocks.Length);
    }

    public byte[] Array { get; }

    public nint Address { get; }

    public int Length => Array.Length;

    public Block[] Blocks { get; }

    public int FreeBlockCount => IndexStack.Count(Volatile.Read(ref _freeBlocks));

    public bool Contains(nint address) => address >= Address && address < Address + Length;

    public bool TryTakeBlock(out Block block)
    {
        if (IndexStack.TryPop(ref _freeBlocks, ref _nextFreeBlock, out int index))
        {
            block = Blocks[index];
            return true;
        }

        block = null!;
        return false;
    }

    /// <summary>Gives back a retired block. Returns the number of free blocks afterwards.</summary>
    public int ReturnBlock(Block block) => IndexStack.Push(ref _freeBlocks, _nextFreeBlock, block.Index);

    /// <summary>Retires the superblock if every block is free; afterwards no block can be taken from it.</summary>
    public bool TryRetire() => IndexStack.TryRetire(ref _freeBlocks, Blocks.Length);
}
