using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.ThreadCaching;

namespace BufferPool.SmallBlock;

internal sealed partial class SmallBlockEngine<TSlot>
{
    private long _superBlocksAllocated;
    private long _superBlocksReleased;
    private long _blocksRetired;

    /// <summary>
    /// Gives empty blocks back to their superblocks, releases the empty superblocks beyond <c>RetainedSuperBlocks</c>
    /// (decommitted before they are let go) and decommits the free blocks idle for the purge delay. Returns the bytes
    /// released.
    /// </summary>
    /// <remarks>
    /// First takes the items cached by every thread, idle or dead ones included, back to their blocks; only a
    /// cache whose thread is inside a rent or return at that moment keeps its items until the next trim.
    /// </remarks>
    public long Trim()
    {
        if (_disposed)
        {
            return 0;
        }

        _caches.Reclaim();
        foreach (SizeClassState state in _states)
        {
            RetireEmptyBlocks(state);
        }

        return ReleaseEmptySuperBlocks();
    }

    /// <summary>Blocks given back to their superblocks by <see cref="Trim"/>, for tests.</summary>
    internal long BlocksRetired => Interlocked.Read(ref _blocksRetired);

    private void RetireEmptyBlocks(SizeClassState state)
    {
        Block? spare = null;
        RetireEmptyBlocks(state, ref spare, keepOne: false);
    }

    /// <summary>
    /// Retires the class's empty blocks. With <paramref name="keepOne"/>, the first one retired while
    /// <paramref name="spare"/> is null becomes the spare, owned by the caller alone; the others go back to
    /// their superblocks. Takes the class lock and no other. Returns the number retired.
    /// </summary>
    private int RetireEmptyBlocks(SizeClassState state, ref Block? spare, bool keepOne)
    {
        int retired = 0;
        lock (state)
        {
            Block[] blocks = state.Blocks;
            List<Block>? kept = null;
            for (int i = 0; i < blocks.Length; i++)
            {
                Block block = blocks[i];
                if (block.TryRetire())
                {
                    kept ??= [.. blocks.AsSpan(0, i)];
                    if (state.Active == block)
                    {
                        state.Active = null;
                    }

                    retired++;
                    Interlocked.Increment(ref _blocksRetired);
                    if (keepOne && spare is null)
                    {
                        spare = block;
                    }
                    else
                    {
                        block.SuperBlock.ReturnBlock(block);
                    }
                }
                else
                {
                    kept?.Add(block);
                }
            }

            if (kept is not null)
            {
                state.Blocks = [.. kept];
                state.ScanStart = 0;
            }
        }

        return retired;
    }

    // Passes of reclaim and retry before a rent gives up at the budget. One pass suffices unless other threads
    // take the reclaimed blocks between the reclaim and the retry; the cap keeps a rent that races with
    // them from spinning.
    private const int ReclaimPasses = 4;

    /// <summary>
    /// The budget path, taken when the class has no free item and the budget forbids another superblock.
    /// Memory may still be idle: items in thread caches, and empty blocks tied to other classes until a trim.
    /// Flushes the caches, retires every other class's empty blocks (keeping one for this rent, so that no
    /// other thread can take it between the reclaim and the retry) and retries; only when a pass reclaims
    /// nothing and still finds no item does the caller fall back or throw. The live threads' caches are taken at most
    /// once per <see cref="ThreadCacheSet.BudgetReclaimIntervalMilliseconds"/> (dead threads' and transfer caches every
    /// time), except when at most half the budget is in use: then the idle memory is there, and a rent is served from the
    /// pool with nothing in use without anyone calling <see cref="Trim"/>.
    /// </summary>
    /// <remarks>
    /// Lock order: a class lock, then the grow lock (a rent grows the pool under its class lock; Trim takes the
    /// grow lock alone). Never the grow lock then a class lock, and never two class locks at once. This method
    /// holds no lock while it flushes the thread caches (the flush pushes items into blocks without a lock) and
    /// takes each class lock alone, then its own class lock (and maybe the grow lock) for the retry, so it
    /// cannot deadlock with renters, with <see cref="Trim"/> or with another reclaim.
    /// </remarks>
    private bool TryRentAfterReclaim(SizeClassState state, out Block block, out int index)
    {
        bool forceLive = false;
        for (int pass = 0; pass < ReclaimPasses; pass++)
        {
            bool tookLive = _caches.ReclaimAtBudget(forceLive);
            Block? spare = null;
            int retired = 0;
            foreach (SizeClassState other in _states)
            {
                if (other != state)
                {
                    retired += RetireEmptyBlocks(other, ref spare, keepOne: true);
                }
            }

            bool rented = TryRentSlow(state, spare, out block, out index);
            if (spare is not null && !(rented && block == spare))
            {
                // The class found a free item or block of its own after all; the spare goes back for anyone.
                spare.SuperBlock.ReturnBlock(spare);
            }

            if (rented)
            {
                return true;
            }

            if (retired == 0)
            {
                // Nothing idle outside the live threads' caches. If the rate limit spared those while at most half the
                // budget is in use, the idle half is in them (or in partly used blocks): take them once, whatever the
                // limit. Otherwise the budget really stops this rent.
                if (tookLive || forceLive || !BudgetReclaim.MostlyIdle(_caches, _maxReservedBytes))
                {
                    break;
                }

                forceLive = true;
            }
        }

        block = null!;
        index = -1;
        return false;
    }

    private long ReleaseEmptySuperBlocks()
    {
        List<SuperBlock>? leaving = null;
        long released = ReleaseEmptySuperBlocks(ref leaving);

        // Retired and out of every table, so no lease or renter can reach them: their pages go back outside the grow
        // lock, where a renter that needs a block does not wait for the system calls.
        if (leaving is not null)
        {
            foreach (SuperBlock superBlock in leaving)
            {
                _ = Decommit(superBlock.Array, superBlock.Start, superBlock.Length);
            }
        }

        return released;
    }

    private long ReleaseEmptySuperBlocks(ref List<SuperBlock>? leaving)
    {
        lock (_growLock)
        {
            if (_disposed)
            {
                return 0;
            }

            long released = 0;
            int retained = 0;
            var kept = new List<SuperBlock>(_superBlocks.Length);
            foreach (SuperBlock superBlock in _superBlocks)
            {
                bool empty = superBlock.FreeBlockCount == superBlock.Blocks.Length;
                if (empty && retained < _retainedSuperBlocks)
                {
                    retained++;
                    kept.Add(superBlock);
                }
                else if (empty && superBlock.TryRetire())
                {
                    Leave(superBlock);
                    (leaving ??= []).Add(superBlock);
                    released += superBlock.Length;
                    _superBlocksReleased++;
                    if (BufferPoolEventSource.Log.IsEnabled())
                    {
                        BufferPoolEventSource.Log.SuperBlockReleased(Kind, superBlock.Length);
                    }
                }
                else
                {
                    kept.Add(superBlock);
                }
            }

            if (released > 0)
            {
                // The array becomes garbage once no rented Memory refers to it; its pages went back to the OS above, and
                // the GC frees the rest (its header and tail pages) at its next collection of the pinned heap.
                Volatile.Write(ref _superBlocks, [.. kept]);
            }

            PurgeIdleBlocks();
            return released;
        }
    }

    public PoolFigures GetFigures()
    {
        long decommitted;
        int superBlocks;
        lock (_growLock)
        {
            // Under the lock, so that the decommitted bytes belong to the superblocks counted.
            superBlocks = _superBlocks.Length;
            decommitted = Interlocked.Read(ref _decommittedBytes);
        }

        long reserved = (long)superBlocks * SuperBlockSize;
        long allocated = Interlocked.Read(ref _superBlocksAllocated);
        long released = Interlocked.Read(ref _superBlocksReleased);
        return new PoolFigures(superBlocks, reserved, allocated, released, _caches.GetTotals().Overflows)
        {
            CommittedBytes = Math.Clamp(reserved - decommitted, 0, reserved),
            Decommits = Interlocked.Read(ref _decommits),
        };
    }

    public ThreadCacheTotals GetTraffic() => _caches.GetTotals();
}
