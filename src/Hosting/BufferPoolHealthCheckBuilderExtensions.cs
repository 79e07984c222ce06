using BufferPool.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the BufferPool health check.</summary>
public static class BufferPoolHealthCheckBuilderExtensions
{
    /// <summary>The check's default name.</summary>
    public const string DefaultName = "bufferpool";

    /// <summary>
    /// Adds a check that reports the app's pools under pressure: bytes in use past a share of a pool's
    /// <c>MaxReservedBytes</c>, or rents the memory pool served outside itself within a recent window. Without a
    /// BufferPool pool (<c>BufferPool:Kind=default</c>) it reports Healthy and says that no BufferPool pool is in use.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the thresholds.</param>
    /// <param name="name">The check's name. Default <c>bufferpool</c>.</param>
    /// <param name="failureStatus">What the check reports under pressure. Default <see cref="HealthStatus.Degraded"/>.</param>
    /// <param name="tags">Tags to filter checks by (readiness, liveness). Default <c>bufferpool</c>.</param>
    /// <param name="timeout">How long a probe may take; none by default.</param>
    public static IHealthChecksBuilder AddBufferPool(
        this IHealthChecksBuilder builder,
        Action<BufferPoolHealthCheckOptions>? configure = null,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<BufferPoolHealthCheckOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Options.IValidateOptions<BufferPoolHealthCheckOptions>, BufferPoolHealthCheckOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<BufferPoolHealthCheck>();
        return builder.Add(new HealthCheckRegistration(
            name,
            static sp => sp.GetRequiredService<BufferPoolHealthCheck>(),
            failureStatus ?? HealthStatus.Degraded,
            tags ?? [DefaultName],
            timeout));
    }
}
