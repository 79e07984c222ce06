using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Healthy while the app's pools have room, and when the app has no BufferPool pool (<c>BufferPool:Kind=default</c>),
/// saying so. The registration's failure status (Degraded by default), with what to do
/// about it, while a pool's bytes in use pass the
/// configured share of its <c>MaxReservedBytes</c>, or within <see cref="BufferPoolHealthCheckOptions.FallbackWindow"/>
/// of the memory pool serving a rent outside itself because its budget was spent.
/// </summary>
internal sealed class BufferPoolHealthCheck(IServiceProvider services, IOptions<BufferPoolHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly Lock _lock = new();
    private long _fallbacksSeen = -1;
    private DateTimeOffset _lastFallbackSeen = DateTimeOffset.MinValue;

    /// <summary>What a probe reports when the app registered no BufferPool pool.</summary>
    public const string NoPoolDescription = "No BufferPool pool is in use (BufferPool:Kind is default, or no Add...Pool call was made): the framework's own pools serve the app.";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolved per probe rather than injected: with Kind=default the container has no pools, and that is healthy.
        if (services.GetService<AppBufferPools>() is not { } pools)
        {
            return Task.FromResult(HealthCheckResult.Healthy(NoPoolDescription));
        }

        BufferPoolHealthCheckOptions settings = options.Value;
        DateTimeOffset now = time.GetUtcNow();
        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        foreach (IBufferPool pool in pools.All)
        {
            BufferPoolStatistics stats = pool.GetStatistics();
            data[pool.Name] = BufferPoolStatisticsFields.ToDictionary(stats);
            if (pool.MaxReservedBytes is long max && stats.InUseBytes > settings.InUseShareThreshold * max)
            {
                problems.Add($"The {pool.Name} pool has {stats.InUseBytes} bytes in use, more than {settings.InUseShareThreshold:P0} of its MaxReservedBytes ({max}): raise MaxReservedBytes, or find who holds the buffers (/_bufferpool, TrackingSampleRate).");
            }
        }

        // The memory pool's fallbacks are budget fallbacks (its Rent refuses larger sizes); the window makes the
        // verdict the same for every probe in it, whatever probed before.
        long fallbacks = pools.Memory.GetStatistics().FallbackCount;
        DateTimeOffset lastFallback;
        lock (_lock)
        {
            if (_fallbacksSeen >= 0 && fallbacks > _fallbacksSeen)
            {
                _lastFallbackSeen = now;
            }

            _fallbacksSeen = fallbacks;
            lastFallback = _lastFallbackSeen;
        }

        if (now - lastFallback < settings.FallbackWindow)
        {
            problems.Add($"The {pools.Memory.Name} pool served rents outside itself in the last {settings.FallbackWindow} because its MaxReservedBytes ({pools.Memory.MaxReservedBytes}) was spent: raise it, or lower the load.");
        }

        return Task.FromResult(problems.Count > 0
            ? new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", problems), data: data)
            : HealthCheckResult.Healthy($"{pools.All.Count} pools hold {pools.All.Sum(p => p.GetStatistics().ReservedBytes)} bytes.", data));
    }
}
