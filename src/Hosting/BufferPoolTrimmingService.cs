using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Calls <c>Trim()</c> on every pool the app owns (the memory pool and MVC's array pools) every
/// <see cref="BufferPoolTrimmingOptions.Period"/>, so memory taken in a burst goes back within two periods of going
/// idle, including what idle or exited threads cached: the memory pools give its pages back to the OS, the array pools
/// hand their arrays to the GC. Pools handed to Kestrel get no eviction otherwise. With
/// <see cref="BufferPoolTrimmingOptions.CollectWhenIdle"/> (the default), it then asks the GC for one collection once
/// the app is idle after a burst (<see cref="IdleCollectionTrigger"/>), for the GC's own share of the burst.
/// </summary>
internal sealed partial class BufferPoolTrimmingService(AppBufferPools pools, IOptions<BufferPoolTrimmingOptions> options, ILogger<BufferPoolTrimmingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan period = options.Value.Period;
        bool collectWhenIdle = options.Value.CollectWhenIdle;
        if (period == TimeSpan.Zero)
        {
            return;
        }

        var trigger = new IdleCollectionTrigger();
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            long activity = GC.GetTotalAllocatedBytes(precise: false);
            foreach (IBufferPool pool in pools.All)
            {
                long released = pool.Trim();
                activity += pool.GetStatistics().RentedBytes;
                if (released > 0)
                {
                    LogTrimmed(released, pool.Name);
                }
            }

            if (trigger.Observe(activity) && collectWhenIdle)
            {
                // Aggressive: compacts and gives the GC's free memory back to the OS; an Optimized collection would run
                // only if the GC thought one due, and an idle GC does not (docs/memory.md has both measured).
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                LogCollected();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released {Bytes} idle bytes from the {Pool} buffer pool.")]
    private partial void LogTrimmed(long bytes, string pool);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asked the GC for an aggressive collection: the app went idle after a burst.")]
    private partial void LogCollected();
}
