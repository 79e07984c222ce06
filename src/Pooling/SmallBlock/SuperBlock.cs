using BufferPool.Primitives;

namespace BufferPool.SmallBlock;

/// <summary>
/// One pinned array from the pinned object heap, cut into blocks. Its free blocks form a lock-free list
/// (the small-block memory manager of Stack Overflow answer 1485417: "When you allocate a SuperBlock, you make a linked list of Free Blocks").
/// </summary>
/// <remarks>
/// The blocks start on a page boundary inside the array (<see cref="PinnedPages"/>), so a block whose size is a multiple
/// of the page size covers whole pages, which an idle block gives back to the OS (<see cref="PageDecommit"/>).
/// </remarks>
internal sealed class SuperBlock
{
    private int[] _nextFreeBlock;
    private long _freeBlocks;

    public SuperBlock(int superBlockSize, int blockSize)
    {
        Array = PinnedPages.Allocate(superBlockSize);
        Start = PinnedPages.StartOf(Array);
        Length = superBlockSize;
        Blocks = new Block[superBlockSize / blockSize];
        long now = Environment.TickCount64;
        for (int i = 0; i < Blocks.Length; i++)
        {
            Blocks[i] = new Block(this, i, Start + i * blockSize) { IdleSince = now };
        }

        _nextFreeBlock = new int[Blocks.Length];
        _freeBlocks = IndexStack.Fill(0, _nextFreeBlock, Blocks.Length);
    }

    public byte[] Array { get; }

    /// <summary>The offset in <see cref="Array"/> of the first block, a page boundary.</summary>
    public int Start { get; }

    /// <summary>Bytes covered by blocks, from <see cref="Start"/>.</summary>
    public int Length { get; }

    public Block[] Blocks { get; }

    public int FreeBlockCount => IndexStack.Count(Volatile.Read(ref _freeBlocks));

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

    /// <summary>Gives back a retired block, idle from now. Returns the number of free blocks afterwards.</summary>
    public int ReturnBlock(Block block)
    {
        // The caller owns the block until the push publishes it (the CAS orders this store before it).
        block.IdleSince = Environment.TickCount64;
        return PutBack(block);
    }

    /// <summary>Puts back a free block that a purge took off the list, keeping the time it went idle.</summary>
    public int PutBack(Block block) => IndexStack.Push(ref _freeBlocks, _nextFreeBlock, block.Index);

    /// <summary>Retires the superblock if every block is free; afterwards no block can be taken from it.</summary>
    public bool TryRetire() => IndexStack.TryRetire(ref _freeBlocks, Blocks.Length);
}
