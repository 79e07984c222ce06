using BufferPool.Common;

namespace BufferPool.Diagnostics;

/// <summary>
/// Counts rents and their bytes for one owner of a shared pool (Kestrel's transport) with no interlocked instruction:
/// each thread counts in its own slot, as the thread caches do, and <see cref="Read"/> sums the slots, those of threads
/// that have exited included. The slots hold no items, so they never need reclaiming.
/// </summary>
internal sealed class RentTally : IThreadCacheSink, IDisposable
{
    private readonly ThreadCacheSet _threads;

    public RentTally()
    {
        _threads = new ThreadCacheSet(this, capacities: [0], classBytes: [0]);
    }

    /// <summary>Counts one rent of <paramref name="bytes"/> on the calling thread.</summary>
    public void Count(int bytes)
    {
        ThreadCache slot = _threads.Current;
        slot.CountRent(0);
        slot.CountRentedBytes(bytes);
    }

    /// <summary>Rents and bytes counted so far, over every thread.</summary>
    public (long Rents, long Bytes) Read()
    {
        ThreadCacheTotals totals = _threads.GetTotals();
        return (totals.Rents, totals.RentedBytes);
    }

    public void Dispose() => _threads.Dispose();

    void IThreadCacheSink.ReturnShared(int sizeClass, object item)
    {
        // A tally's slots have no room for items, so none ever comes back.
    }
}
