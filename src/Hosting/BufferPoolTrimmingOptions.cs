using System.ComponentModel.DataAnnotations;

namespace BufferPool.Hosting;

/// <summary>How often the hosted trimming service gives idle memory back (section <c>BufferPool:Trimming</c>).</summary>
public sealed class BufferPoolTrimmingOptions : IValidatableObject
{
    /// <summary>
    /// The trimming period, from 100 ms to 1 hour; <see cref="TimeSpan.Zero"/> turns the service off. Idle superblocks
    /// beyond the pool's retention are released within one period of going idle. Default 5 seconds (Kestrel's own
    /// pool evicts 1 to 5% of its blocks every 10 seconds).
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the service asks the GC for one aggressive collection (<see cref="GCCollectionMode.Aggressive"/>, which
    /// also gives the GC's free memory back to the OS) once the app has gone idle after a burst: at least 8 MiB rented
    /// from its pools or allocated since the last one, then a trim period with under 1% of that. The pools give their
    /// own memory back to the OS at the trim; what the burst left in the GC's heap (the requests' allocations) stays
    /// resident until a collection, and an idle app allocates too little to start one. Default true: measured in the
    /// load runner's burst (docs/memory.md), it took the share of the burst's RSS growth still held from 4% (small-block)
    /// and 16% (bitmap) to 1% and 2%, at the cost of one blocking collection while the app is idle.
    /// </summary>
    public bool CollectWhenIdle { get; set; } = true;

    /// <summary>Whether <see cref="Period"/> is 0 or in range; the result names it.</summary>
    /// <param name="validationContext">Not used.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Period != TimeSpan.Zero && (Period < TimeSpan.FromMilliseconds(100) || Period > TimeSpan.FromHours(1)))
        {
            yield return new ValidationResult($"{nameof(Period)} must be 0 (off) or between 00:00:00.1 and 01:00:00; it was {Period}.", [nameof(Period)]);
        }
    }
}
