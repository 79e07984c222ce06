namespace BufferPool.Bitmap;

internal sealed partial class BitmapEngine
{
    private long _superBlocksAllocated;
    private long _superBlocksRetired;
    private long _superBlocksReleased;
    private long _fallbackCount;
    private long _fallbackReturns;
    private long _fallbackBytesOut;

    /// <summary>Super blocks that emptied and went to the Free List Store, for tests.</summary>
    internal long SuperBlocksRetired => Interlocked.Read(ref _superBlocksRetired);

    /// <summary>
    /// Sends this thread's cached blocks (and dead threads') back to their bitmaps, moves every empty super block
    /// to the Free List Store, then empties the store down to <c>RetainedFreeListEntries</c>, largest first.
    /// Returns the bytes released.
    /// </summary>
    public long Trim()
    {
        if (_disposed)
        {
            return 0;
        }

        _caches.RequestFlush();
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
            }

            return released;
        }
    }

    public void RecordFallback(int bytes)
    {
        Interlocked.Increment(ref _fallbackCount);
        Interlocked.Add(ref _fallbackBytesOut, bytes);
    }

    public void RecordFallbackReturn(int bytes)
    {
        Interlocked.Increment(ref _fallbackReturns);
        Interlocked.Add(ref _fallbackBytesOut, -bytes);
    }

    public BufferPoolStatistics GetStatistics()
    {
        var totals = _caches.GetTotals();
        lock (_lock)
        {
            long fallbacks = Interlocked.Read(ref _fallbackCount);
            return new BufferPoolStatistics
            {
                SuperBlockCount = _active.Length + _freeList.Count,
                ReservedBytes = _activeBytes + _freeList.Bytes,
                InUseBytes = totals.RentedBytes - totals.ReturnedBytes + Interlocked.Read(ref _fallbackBytesOut),
                RentCount = totals.Rents + fallbacks,
                ReturnCount = totals.Returns + Interlocked.Read(ref _fallbackReturns),
                SuperBlocksAllocated = _superBlocksAllocated,
                SuperBlocksReleased = _superBlocksReleased,
                FreeListThresholdHits = _freeList.ThresholdHits,
                FallbackCount = fallbacks,
            };
        }
    }
}
