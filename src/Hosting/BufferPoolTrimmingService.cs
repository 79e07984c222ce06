using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Calls <c>Trim()</c> on every pool the app owns (the memory pool and MVC's array pools) every
/// <see cref="BufferPoolTrimmingOptions.Period"/>, so memory taken in a burst goes back within two periods of going
/// idle, including what idle or exited threads cached: the memory pools give its pages back to the OS, the array pools
/// hand their arrays to the GC. Pools handed to Kestrel get no eviction otherwise. With
/// <see cref="BufferPoolTrimmingOptions.IdleCollection"/> set, it then asks the GC for one collection once the app is
/// idle after trims that gave back a lot (<see cref="IdleCollectionTrigger"/>), for the GC's own share of the burst.
/// </summary>
internal sealed partial class BufferPoolTrimmingService(AppBufferPools pools, IOptions<BufferPoolTrimmingOptions> options, ILogger<BufferPoolTrimmingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan period = options.Value.Period;
        GCCollectionMode? collection = options.Value.IdleCollection;
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

            if (collection is { } mode && trigger.Observe(activity))
            {
                GC.Collect(GC.MaxGeneration, mode, blocking: true, compacting: true);
                LogCollected(mode);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released {Bytes} idle bytes from the {Pool} buffer pool.")]
    private partial void LogTrimmed(long bytes, string pool);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asked the GC for a {Mode} collection: the app went idle after its buffer pools gave back a burst's memory.")]
    private partial void LogCollected(GCCollectionMode mode);
}
