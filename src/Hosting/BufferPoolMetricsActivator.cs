using BufferPool.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace BufferPool.Hosting;

/// <summary>Creates the app's <see cref="BufferPoolMetrics"/> (through its <c>IMeterFactory</c>) when the host starts, so
/// the Meter exists before any collector asks for it.</summary>
internal sealed class BufferPoolMetricsActivator(BufferPoolMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
