namespace BufferPool.Hosting;

/// <summary>When the BufferPool health check reports pressure (configure it through <c>AddBufferPool(...)</c>).</summary>
public sealed class BufferPoolHealthCheckOptions
{
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

    internal void Validate()
    {
        if (InUseShareThreshold is < 0 or > 1 || double.IsNaN(InUseShareThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(InUseShareThreshold), InUseShareThreshold, $"InUseShareThreshold must be between 0 and 1; it was {InUseShareThreshold}.");
        }

        if (FallbackWindow < TimeSpan.FromSeconds(1) || FallbackWindow > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(FallbackWindow), FallbackWindow, $"FallbackWindow must be between 00:00:01 and 1.00:00:00; it was {FallbackWindow}.");
        }
    }
}
