using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace BufferPool.Hosting;

/// <summary>When the BufferPool health check reports pressure (configure it through <c>AddBufferPool(...)</c>).</summary>
public sealed class BufferPoolHealthCheckOptions : IValidatableObject
{
    private static readonly TimeSpan s_minWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// Degraded while a pool's bytes in use pass this share of its <c>MaxReservedBytes</c> (ignored without a budget),
    /// from 0 to 1. Default 0.9. In-use bytes, not reserved ones: memory a pool keeps idle for the next burst is not
    /// pressure, and a budget of one superblock is always fully reserved.
    /// </summary>
    public double InUseShareThreshold { get; set; } = 0.9;

    /// <summary>
    /// Degraded for this long after the memory pool last served a rent outside itself because its budget was spent,
    /// from 1 second to 1 day. Default 1 minute. Each probe judges the pools as they are and this fixed window, so two
    /// probes at the same moment agree.
    /// </summary>
    public TimeSpan FallbackWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every setting that is out of range; each result names it.</summary>
    /// <param name="validationContext">Not used.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // NaN compares false with everything, so it fails the range: written as "not inside", not as "outside".
        if (!(InUseShareThreshold >= 0 && InUseShareThreshold <= 1))
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{nameof(InUseShareThreshold)} must be between 0 and 1; it was {InUseShareThreshold}."), [nameof(InUseShareThreshold)]);
        }

        if (FallbackWindow < s_minWindow || FallbackWindow > s_maxWindow)
        {
            yield return new ValidationResult($"{nameof(FallbackWindow)} must be between {s_minWindow} and {s_maxWindow}; it was {FallbackWindow}.", [nameof(FallbackWindow)]);
        }
    }
}
