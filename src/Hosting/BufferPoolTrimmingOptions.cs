namespace BufferPool.Hosting;

/// <summary>How often the hosted trimming service gives idle memory back (section <c>BufferPool:Trimming</c>).</summary>
public sealed class BufferPoolTrimmingOptions
{
    /// <summary>
    /// The trimming period, from 100 ms to 1 hour; <see cref="TimeSpan.Zero"/> turns the service off. Idle superblocks
    /// beyond the pool's retention are released within one period of going idle. Default 5 seconds (Kestrel's own
    /// pool evicts 1 to 5% of its blocks every 10 seconds).
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The garbage collection the service asks for once the app has gone idle after a burst (at least 8 MiB rented from
    /// its pools or allocated since the last one, then a trim period with under 1% of that), or
    /// <see langword="null"/> for none. The pools give their own memory back to the OS at the trim; what the burst left
    /// in the GC's heap (the allocations of the requests) stays resident until a collection, and an idle app allocates
    /// too little to start one. <see cref="GCCollectionMode.Aggressive"/> also returns the GC's free regions to the OS.
    /// Default <see langword="null"/>: see docs/memory.md for both measured.
    /// </summary>
    public GCCollectionMode? IdleCollection { get; set; }

    internal void Validate()
    {
        if (Period != TimeSpan.Zero && (Period < TimeSpan.FromMilliseconds(100) || Period > TimeSpan.FromHours(1)))
        {
            throw new ArgumentOutOfRangeException("Trimming:Period", Period, $"Trimming:Period must be 0 (off) or between 00:00:00.1 and 01:00:00; it was {Period}.");
        }

        if (IdleCollection is { } mode && !Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException("Trimming:IdleCollection", mode, $"Trimming:IdleCollection must be empty (none) or one of {string.Join(", ", Enum.GetNames<GCCollectionMode>())}; it was {mode}.");
        }
    }
}
