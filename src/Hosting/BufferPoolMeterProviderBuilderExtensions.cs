using BufferPool.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>
/// OpenTelemetry registration for BufferPool's instruments, named the way OpenTelemetry's own instrumentation packages
/// name theirs (<c>AddRuntimeInstrumentation</c>, <c>AddAspNetCoreInstrumentation</c>).
/// </summary>
public static class BufferPoolMeterProviderBuilderExtensions
{
    /// <summary>
    /// Exports the <c>BufferPool</c> Meter: every pool's in-use, reserved, rented and fallback figures, tagged by kind and
    /// owner. The Meter exists once <c>AddSmallBlockPool</c>, <c>AddBitmapPool</c> or <c>AddBufferPool</c> has run.
    /// </summary>
    /// <param name="builder">The meter provider builder, from <c>AddOpenTelemetry().WithMetrics(...)</c>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks>
    /// OpenTelemetry listens to Meters by name, so a process that hosts several apps exports every app's BufferPool
    /// Meter through each provider; the <c>bufferpool.owner</c> tag tells the pools apart, not the app.
    /// </remarks>
    public static MeterProviderBuilder AddBufferPoolInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(BufferPoolMetrics.MeterName);
    }
}
