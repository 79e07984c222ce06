namespace BufferPool.Hosting;

/// <summary>
/// When the trimming service asks the GC for a collection (<see cref="BufferPoolTrimmingOptions.CollectWhenIdle"/>): at
/// the first trim period in which the app was idle after a burst. The app's activity is what it rented from its pools
/// plus what it allocated from the GC; a burst is at least <see cref="Threshold"/> of activity since the last
/// collection, and idle is a period with under 1% of that. A burst followed by quiet gets one collection; steady load is
/// as busy in each period as in the ones before, so it gets none.
/// </summary>
/// <remarks>
/// Activity, not what the trims gave back, marks the burst: a pool that serves only part of a burst's buffers (bitmap's
/// one block size, with larger rents from <c>ArrayPool&lt;byte&gt;.Shared</c>) gives back little, while the GC's heap
/// grew with everything the requests allocated, which is what the collection is for.
/// </remarks>
internal sealed class IdleCollectionTrigger
{
    /// <summary>Activity since the last collection that makes a burst worth a collection's pause.</summary>
    public const long Threshold = 8 * 1024 * 1024;

    private long _pending;
    private long _last = -1;

    /// <summary>Takes one period's figures; true when the service should collect now.</summary>
    /// <param name="activityTotal">Bytes rented from the app's pools plus bytes allocated, since the process started.</param>
    public bool Observe(long activityTotal)
    {
        // The first period has no baseline: it is not called idle.
        long period = _last < 0 ? long.MaxValue : Math.Max(0, activityTotal - _last);
        _last = activityTotal;
        if (_pending >= Threshold && period <= _pending / 100)
        {
            _pending = 0;
            return true;
        }

        _pending = period == long.MaxValue ? 0 : _pending + period;
        return false;
    }
}
