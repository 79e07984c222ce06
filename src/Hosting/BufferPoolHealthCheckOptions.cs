namespace BufferPool.Hosting;

/// <summary>When the BufferPool health check reports pressure.</summary>
public sealed class BufferPoolHealthCheckOptions
{
    /// <summary>
    /// Degraded once reserved bytes pass this share of the pool's <c>MaxReservedBytes</c> (ignored without a budget),
    /// from 0 to 1. Default 0.9.
    /// </summary>
    public double ReservedShareThreshold { get; set; } = 0.9;
}
