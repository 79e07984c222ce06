using System.Diagnostics;
using BufferPool.Primitives;

namespace BufferPool.SmallBlock;

/// <summary>
/// Giving idle memory back to the OS in place (mimalloc's purge): a free block that has sat on its superblock's free
/// list for at least the purge delay has its pages decommitted (<see cref="PageDecommit"/>) but keeps its place, so the
/// next rent of it pays page faults instead of an allocation; a superblock that <see cref="Trim"/> releases is
/// decommitted whole before it is let go, so the process's resident memory falls at the trim, not at a later gen2
/// collection.
/// </summary>
/// <remarks>
/// <para>Exclusion: a purge pops every free block of a superblock under the grow lock, decommits the idle ones and puts
/// them all back. While a block is popped no renter can take it, and a block on the free list is in no class, so no
/// lease can reach a block while its pages go. A renter that finds a superblock's list empty meanwhile goes on to the
/// grow lock, which the purge holds, and once it gets the lock it takes from the superblocks again before it grows, so
/// a purge never makes a rent fail or grow the pool. A released superblock is retired first (no block can be taken from
/// it any more), under the same lock.</para>
/// <para>The rent path gains no work: a renter checks <see cref="Block.DecommittedBytes"/> only when it takes a whole
/// block from a superblock, a slow path that already takes a lock or a CAS.</para>
/// </remarks>
internal sealed partial class SmallBlockEngine<TSlot>
{
    private readonly long _purgeDelayMilliseconds;
    private long _decommittedBytes;
    private long _decommits;
    private Block[]? _purgeScratch;

    /// <summary>Called with each range just before it is decommitted (array, offset, length), for tests.</summary>
    internal Action<byte[], int, int>? Decommitting { get; set; }

    /// <summary>Bytes of the live superblocks that are decommitted now.</summary>
    internal long DecommittedBytes => Interlocked.Read(ref _decommittedBytes);

    /// <summary>
    /// A block just taken off its superblock's free list is committed again: the renter's first touch of each page
    /// faults it back in, zero-filled. The count falls by the whole block at once, so the committed figure is an upper
    /// bound on what is resident.
    /// </summary>
    private void Recommit(Block block)
    {
        Debug.Assert(block.SizeClass == -1, "A block taken from a superblock serves no class yet.");
        long bytes = block.DecommittedBytes;
        if (bytes != 0)
        {
            block.DecommittedBytes = 0;
            long left = Interlocked.Add(ref _decommittedBytes, -bytes);
            Debug.Assert(left >= 0, "The decommitted bytes count only blocks on free lists.");
        }
    }

    /// <summary>Decommits the free blocks of every live superblock that have been idle for the purge delay.</summary>
    private void PurgeIdleBlocks()
    {
        Debug.Assert(Monitor.IsEntered(_growLock));
        if (_purgeDelayMilliseconds < 0 || !PageDecommit.Supported)
        {
            return;
        }

        long now = Environment.TickCount64;
        foreach (SuperBlock superBlock in _superBlocks)
        {
            if (superBlock.FreeBlockCount > 0)
            {
                PurgeIdleBlocks(superBlock, now);
            }
        }
    }

    private void PurgeIdleBlocks(SuperBlock superBlock, long now)
    {
        Block[] popped = _purgeScratch is { } scratch && scratch.Length >= superBlock.Blocks.Length
            ? scratch
            : _purgeScratch = new Block[superBlock.Blocks.Length];
        int count = 0;
        while (superBlock.TryTakeBlock(out Block block))
        {
            popped[count++] = block;
        }

        // Committed blocks go back last, so they are on top of the list and the next renter takes them first.
        int decommitted = 0;
        for (int i = 0; i < count; i++)
        {
            Block block = popped[i];
            Debug.Assert(block.SizeClass == -1, "A block on a superblock's free list serves no class, so no lease can reach it.");
            if (block.DecommittedBytes == 0 && now - block.IdleSince >= _purgeDelayMilliseconds)
            {
                block.DecommittedBytes = Decommit(superBlock.Array, block.Offset, BlockSize);
                Interlocked.Add(ref _decommittedBytes, block.DecommittedBytes);
            }

            if (block.DecommittedBytes != 0)
            {
                (popped[decommitted], popped[i]) = (popped[i], popped[decommitted]);
                decommitted++;
            }
        }

        for (int i = 0; i < count; i++)
        {
            superBlock.PutBack(popped[i]);
            popped[i] = null!;
        }
    }

    /// <summary>
    /// A superblock that <see cref="Trim"/> retired leaves the pool: every block is free and none can be taken any more,
    /// so no lease can reach it. Its blocks' decommitted bytes leave the count with it, under the grow lock; its pages
    /// go back after the lock is let go, before the superblock is.
    /// </summary>
    private void Leave(SuperBlock superBlock)
    {
        Debug.Assert(Monitor.IsEntered(_growLock));
        long already = 0;
        foreach (Block block in superBlock.Blocks)
        {
            Debug.Assert(block.SizeClass == -1, "A retired superblock's blocks are all free.");
            already += block.DecommittedBytes;
            block.DecommittedBytes = 0;
        }

        Interlocked.Add(ref _decommittedBytes, -already);
    }

    private long Decommit(byte[] array, int offset, int length)
    {
        Decommitting?.Invoke(array, offset, length);
        long bytes = PageDecommit.Decommit(array, offset, length);
        if (bytes > 0)
        {
            Interlocked.Increment(ref _decommits);
        }

        return bytes;
    }
}
