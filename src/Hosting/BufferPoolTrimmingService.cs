using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Calls <c>Trim()</c> on every pool the app owns (the memory pool and MVC's array pools) every
/// <see cref="BufferPoolTrimmingOptions.Period"/>, so memory taken in a burst goes back to the GC within two periods of
/// going idle, including what idle or exited threads cached. Pools handed to Kestrel get no eviction otherwise.
/// </summary>
internal sealed partial class BufferPoolTrimmingService(AppBufferPools pools, IOptions<BufferPoolTrimmingOptions> options, ILogger<BufferPoolTrimmingService> logger) : BackgroundService
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
            foreach (IBufferPool pool in pools.All)
            {
                long released = pool.Trim();
                if (released > 0)
                {
                    LogTrimmed(released, pool.Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released {Bytes} idle bytes from the {Pool} buffer pool.")]
    private partial void LogTrimmed(long bytes, string pool);
}
