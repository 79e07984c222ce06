using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.ThreadCaching;

namespace BufferPool.Bitmap;

internal sealed partial class BitmapEngine<TSlot>
{
    private long _superBlocksAllocated;
    private long _superBlocksRetired;
    private long _superBlocksReleased;

    /// <summary>Super blocks that emptied and went to the Free List Store, for tests.</summary>
    internal long SuperBlocksRetired => Interlocked.Read(ref _superBlocksRetired);

    /// <summary>
    /// Sends every thread's cached blocks back to their bitmaps, moves every empty super block
    /// to the Free List Store, then empties the store down to <c>RetainedFreeListEntries</c>, largest first (each
    /// decommitted before it is let go), and decommits the entries left that have been idle for the purge delay.
    /// Returns the bytes released.
    /// </summary>
    public long Trim()
    {
        if (_disposed)
        {
            return 0;
        }

        _caches.Reclaim();
        List<BitmapSuperBlock>? leaving = null;
        long released = 0;
        lock (_lock)
        {
            foreach (BitmapSuperBlock superBlock in _active)
            {
                if (superBlock.UseCount == 0)
                {
                    released += Release(superBlock, keepLastActive: false, ref leaving);
                }
            }

            foreach (BitmapSuperBlock superBlock in _freeList.TrimTo(_retainedFreeListEntries))
            {
                Leave(superBlock, ref leaving);
                released += superBlock.Capacity;
                _superBlocksReleased++;
                if (BufferPoolEventSource.Log.IsEnabled())
                {
                    BufferPoolEventSource.Log.SuperBlockReleased(Kind, superBlock.Capacity);
                }
            }

            PurgeIdleStoreEntries();
        }

        // Out of every table and the store, so no lease or growth can reach them: their pages go back outside the lock,
        // where a renter that needs the lock does not wait for the system calls.
        DecommitLeaving(leaving);
        return released;
    }

    public PoolFigures GetFigures()
    {
        lock (_lock)
        {
            long reserved = _activeBytes + _freeList.Bytes;
            return new PoolFigures(_active.Length + _freeList.Count, reserved, _superBlocksAllocated, _superBlocksReleased, _freeList.ThresholdHits)
            {
                CommittedBytes = Math.Clamp(reserved - _decommittedBytes, 0, reserved),
                Decommits = Interlocked.Read(ref _decommits),
            };
        }
    }

    public ThreadCacheTotals GetTraffic() => _caches.GetTotals();

}
