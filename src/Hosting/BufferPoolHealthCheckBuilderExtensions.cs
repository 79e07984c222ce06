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
    /// <c>MaxReservedBytes</c>, or rents the memory pool served outside itself within a recent window. Requires
    /// <c>AddSmallBlockPool</c>, <c>AddBitmapPool</c> or <c>AddBufferPool</c>; without one the app does not start.
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
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Options.IValidateOptions<BufferPoolHealthCheckOptions>, HealthCheckOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A check over no pool would fail every probe with a DI error; say so when the app starts instead.
        builder.Services.AddOptions<BufferPoolHealthCheckOptions>()
            .Validate<IServiceProvider>(
                static (_, services) => services.GetService<AppBufferPools>() is not null,
                "AddHealthChecks().AddBufferPool() needs a BufferPool pool: call services.AddSmallBlockPool(), AddBitmapPool() or AddBufferPool() too.");
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
