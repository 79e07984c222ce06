using Microsoft.Extensions.Logging;

namespace BufferPool.Hosting;

/// <summary>
/// Turns the app's pools' fallbacks (rents served outside a pool because its budget was spent or the rent was too
/// long, and rents refused for the budget) into a Warning on the <c>BufferPool</c> logger: the first one at once, then
/// at most one per pool per <see cref="Interval"/>, each with the pool's fallback count so far. Runs only on the
/// fallback path, which is the slow path already.
/// </summary>
internal sealed partial class FallbackLog
{
    /// <summary>The owner of an array pool's rents: the app.</summary>
    private const string AppOwner = "app";

    /// <summary>The shortest time between two warnings about one pool.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _pool;
    private readonly Func<string> _owners;
    private readonly long? _maxReservedBytes;
    private readonly int? _maxArrayLength;
    private long _nextTicks = long.MinValue;

    private FallbackLog(ILogger logger, TimeProvider time, IBufferPool pool, Func<string> owners, int? maxArrayLength)
    {
        _logger = logger;
        _time = time;
        _pool = pool.Name;
        _owners = owners;
        _maxReservedBytes = pool.MaxReservedBytes;
        _maxArrayLength = maxArrayLength;
    }

    /// <summary>Points the fallback reports of each of <paramref name="pools"/> at <paramref name="logger"/>.</summary>
    public static void Attach(AppBufferPools pools, ILogger logger, TimeProvider time)
    {
        pools.Memory.FallbackOccurred += new FallbackLog(logger, time, pools.Memory, () => pools.MemoryOwners(), null).Report;
        pools.Bytes.FallbackOccurred += new FallbackLog(logger, time, pools.Bytes, static () => AppOwner, pools.Bytes.MaxArrayLength).Report;
        pools.Chars.FallbackOccurred += new FallbackLog(logger, time, pools.Chars, static () => AppOwner, pools.Chars.MaxArrayLength).Report;
    }

    private void Report(object? pool, BufferPoolFallbackEventArgs report)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        // One winner per interval, without a lock: the thread whose exchange moves the next allowed moment logs.
        long now = _time.GetUtcNow().UtcTicks;
        long next = Volatile.Read(ref _nextTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextTicks, now + Interval.Ticks, next) != next)
        {
            return;
        }

        string reason = report.Reason == BufferPoolFallbackReason.Oversize
            ? $"it is longer than MaxArrayLength ({_maxArrayLength}); raise MaxArrayLength if such rents are common"
            : $"its MaxReservedBytes ({_maxReservedBytes}) was spent; raise MaxReservedBytes, or find who holds the buffers (/_bufferpool, TrackingSampleRate)";
        if (report.Refused)
        {
            LogRefused(_logger, _pool, _owners(), report.Bytes, report.FallbackCount, reason, Interval);
        }
        else
        {
            LogFallback(_logger, _pool, _owners(), report.Bytes, report.FallbackCount, reason, Interval);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The {Pool} pool (owners: {Owners}) served {Bytes} bytes outside itself because {Reason}. Fallbacks so far: {FallbackCount}. (At most one such warning per pool every {Interval}.)")]
    private static partial void LogFallback(ILogger logger, string pool, string owners, long bytes, long fallbackCount, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "The {Pool} pool (owners: {Owners}) refused a rent of {Bytes} bytes with BufferPoolExhaustedException because {Reason}. Fallbacks so far: {FallbackCount}. (At most one such warning per pool every {Interval}.)")]
    private static partial void LogRefused(ILogger logger, string pool, string owners, long bytes, long fallbackCount, string reason, TimeSpan interval);
}
