using BufferPool.Common;
using BufferPool.Diagnostics;

namespace BufferPool.Bitmap;

internal sealed partial class BitmapEngine
{
    private long _superBlocksAllocated;
    private long _superBlocksRetired;
    private long _superBlocksReleased;

    /// <summary>Super blocks that emptied and went to the Free List Store, for tests.</summary>
    internal long SuperBlocksRetired => Interlocked.Read(ref _superBlocksRetired);

    /// <summary>
    /// Sends every thread's cached blocks back to their bitmaps, moves every empty super block
    /// to the Free List Store, then empties the store down to <c>RetainedFreeListEntries</c>, largest first.
    /// Returns the bytes released.
    /// </summary>
    public long Trim()
    {
        if (_disposed)
        {
            return 0;
        }

        _caches.Reclaim();
        lock (_lock)
        {
            long released = 0;
            foreach (BitmapSuperBlock superBlock in _active)
            {
                if (superBlock.UseCount == 0)
                {
                    released += Release(superBlock, keepLastActive: false);
                }
            }

            foreach (BitmapSuperBlock superBlock in _freeList.TrimTo(_retainedFreeListEntries))
            {
                released += superBlock.Array.Length;
                _superBlocksReleased++;
                if (BufferPoolEventSource.Log.IsEnabled())
                {
                    BufferPoolEventSource.Log.SuperBlockReleased(Kind, superBlock.Array.Length);
                }
            }

            return released;
        }
    }

    /// <summary>Rents served outside the pool because the budget stopped growth.</summary>
    public FallbackCounter Fallbacks { get; } = new();

    public BufferPoolStatistics GetStatistics()
    {
        var totals = _caches.GetTotals();
        lock (_lock)
        {
            long fallbacks = Fallbacks.Count;
            return new BufferPoolStatistics
            {
                SuperBlockCount = _active.Length + _freeList.Count,
                ReservedBytes = _activeBytes + _freeList.Bytes,
                InUseBytes = totals.RentedBytes - totals.ReturnedBytes + Fallbacks.BytesOut,
                RentCount = totals.Rents + fallbacks,
                ReturnCount = totals.Returns + Fallbacks.Returns,
                SuperBlocksAllocated = _superBlocksAllocated,
                SuperBlocksReleased = _superBlocksReleased,
                FreeListThresholdHits = _freeList.ThresholdHits,
                FallbackCount = fallbacks,
                RentedBytes = totals.RentedBytes + Fallbacks.BytesTotal,
                FallbackBytes = Fallbacks.BytesTotal,
            };
        }
    }
}
