using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Calls <c>Trim()</c> on the shared pool every <see cref="BufferPoolTrimmingOptions.Period"/>, so memory taken in a
/// burst goes back to the GC within a period of going idle. Pools handed to Kestrel get no eviction otherwise.
/// </summary>
internal sealed partial class BufferPoolTrimmingService(PooledMemory pooled, IOptions<BufferPoolTrimmingOptions> options, ILogger<BufferPoolTrimmingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan period = options.Value.Period;
        if (period == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            long released = pooled.Trim();
            if (released > 0)
            {
                LogTrimmed(released, pooled.Kind);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released {Bytes} idle bytes from the {Kind} buffer pool.")]
    private partial void LogTrimmed(long bytes, string kind);
}
