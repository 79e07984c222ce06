using BufferPool.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the BufferPool health check.</summary>
public static class BufferPoolHealthCheckBuilderExtensions
{
    /// <summary>
    /// Adds a check named <paramref name="name"/> that reports Degraded under pool pressure: reserved bytes past a share
    /// of <c>MaxReservedBytes</c>, or rents served outside the pool since the previous check. Requires
    /// <c>AddSmallBlockPool</c> or <c>AddBitmapPool</c>.
    /// </summary>
    public static IHealthChecksBuilder AddBufferPool(this IHealthChecksBuilder builder, Action<BufferPoolHealthCheckOptions>? configure = null, string name = "bufferpool")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<BufferPoolHealthCheckOptions>()
            .Validate(o => o.ReservedShareThreshold is >= 0 and <= 1, "BufferPool health check: ReservedShareThreshold must be between 0 and 1.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<BufferPoolHealthCheck>();
        return builder.AddCheck<BufferPoolHealthCheck>(name, HealthStatus.Degraded, ["bufferpool"]);
    }
}
