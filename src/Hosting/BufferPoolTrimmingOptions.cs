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
