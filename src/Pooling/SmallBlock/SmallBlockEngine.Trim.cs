using BufferPool.Common;
using BufferPool.Diagnostics;

namespace BufferPool.SmallBlock;

internal sealed partial class SmallBlockEngine<TSlot>
{
    private long _superBlocksAllocated;
    private long _superBlocksReleased;
    private long _blocksRetired;

    /// <summary>
    /// Gives empty blocks back to their superblocks and releases the empty superblocks beyond
    /// <c>RetainedSuperBlocks</c>. Returns the bytes released.
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

                    block.SuperBlock.ReturnBlock(block);
                    Interlocked.Increment(ref _blocksRetired);
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
    }

    private long ReleaseEmptySuperBlocks()
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
                // The array becomes garbage once no rented Memory refers to it; the GC returns the memory.
                Volatile.Write(ref _superBlocks, [.. kept]);
                _rangeMap.Rebuild(kept);
            }

            return released;
        }
    }

    public PoolFigures GetFigures()
    {
        int superBlocks = Volatile.Read(ref _superBlocks).Length;
        long allocated = Interlocked.Read(ref _superBlocksAllocated);
        long released = Interlocked.Read(ref _superBlocksReleased);
        return new PoolFigures(superBlocks, (long)superBlocks * SuperBlockSize, allocated, released, _caches.GetTotals().Overflows);
    }

    public ThreadCacheTotals GetTraffic() => _caches.GetTotals();
}
