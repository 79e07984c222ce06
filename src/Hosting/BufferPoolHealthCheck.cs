using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Healthy while the app's pools have room; Degraded when a pool's reserved bytes pass the configured share of its
/// <c>MaxReservedBytes</c>, or when a pool served rents outside itself since the previous check.
/// </summary>
internal sealed class BufferPoolHealthCheck(AppBufferPools pools, IOptions<BufferPoolHealthCheckOptions> options) : IHealthCheck
{
    private readonly Dictionary<IBufferPool, long> _fallbacksSeen = [];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        double share = options.Value.ReservedShareThreshold;
        foreach (IBufferPool pool in pools.All)
        {
            BufferPoolStatistics stats = pool.GetStatistics();
            data[pool.Name] = BufferPoolStatisticsFields.ToDictionary(stats);

            long newFallbacks;
            lock (_fallbacksSeen)
            {
                _fallbacksSeen.TryGetValue(pool, out long seen);
                newFallbacks = stats.FallbackCount - seen;
                _fallbacksSeen[pool] = stats.FallbackCount;
            }

            if (newFallbacks > 0)
            {
                problems.Add($"{newFallbacks} rents were served outside the {pool.Name} pool since the last check.");
            }

            if (pool.MaxReservedBytes is long max && stats.ReservedBytes > share * max)
            {
                problems.Add($"The {pool.Name} pool holds {stats.ReservedBytes} bytes, more than {share:P0} of its MaxReservedBytes ({max}).");
            }
        }

        return Task.FromResult(problems.Count > 0
            ? HealthCheckResult.Degraded(string.Join(" ", problems), data: data)
            : HealthCheckResult.Healthy($"{pools.All.Count} pools hold {pools.All.Sum(p => p.GetStatistics().ReservedBytes)} bytes.", data));
    }
}
