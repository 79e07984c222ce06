using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Healthy while the pool has room; Degraded when reserved bytes pass the configured share of <c>MaxReservedBytes</c>,
/// or when rents were served outside the pool since the previous check.
/// </summary>
internal sealed class BufferPoolHealthCheck(PooledMemory pooled, IOptions<BufferPoolHealthCheckOptions> options) : IHealthCheck
{
    private long _fallbacksSeen;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        BufferPoolStatistics stats = pooled.GetStatistics();
        var data = new Dictionary<string, object>
        {
            ["kind"] = pooled.Kind,
            ["reservedBytes"] = stats.ReservedBytes,
            ["inUseBytes"] = stats.InUseBytes,
            ["fallbacks"] = stats.FallbackCount,
        };

        long newFallbacks = stats.FallbackCount - Interlocked.Exchange(ref _fallbacksSeen, stats.FallbackCount);
        if (newFallbacks > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{newFallbacks} rents were served outside the {pooled.Kind} pool since the last check.", data: data));
        }

        if (pooled.MaxReservedBytes is long max)
        {
            data["maxReservedBytes"] = max;
            double share = options.Value.ReservedShareThreshold;
            if (stats.ReservedBytes > share * max)
            {
                return Task.FromResult(HealthCheckResult.Degraded($"The {pooled.Kind} pool holds {stats.ReservedBytes} bytes, more than {share:P0} of its MaxReservedBytes ({max}).", data: data));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy($"The {pooled.Kind} pool holds {stats.ReservedBytes} bytes, {stats.InUseBytes} in use.", data));
    }
}
