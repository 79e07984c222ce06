using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BufferPool.Hosting;

/// <summary>
/// With <c>BufferPool:Kind=default</c>, <c>AddBufferPool</c> registers no BufferPool pool (only the framework's, where the
/// app asks for one); this writes the one line that says so at startup, so that a log never leaves it unclear which pools
/// serve the app.
/// </summary>
/// <remarks>
/// <c>Kind=default</c> only fills the slots no pool took: with an <c>Add...Pool</c> call before or after it, that pool
/// serves and writes its own startup line, so this one, which would say the framework's pools serve, stays silent.
/// </remarks>
internal sealed partial class DefaultPoolsLog(ILoggerFactory loggers, ActivePoolKind? active = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (active is not { Kind.Length: > 0 })
        {
            LogDefault(loggers.CreateLogger(MisuseLog.Category));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "BufferPool: BufferPool:Kind is default, so no BufferPool pool is registered: Kestrel's transport keeps Kestrel's own pool, and MemoryPool<byte>, PipeOptions and ArrayPool<T> are the framework's (MemoryPool<byte>.Shared, PipeOptions.Default, ArrayPool<T>.Shared); the section's pool settings are not checked while Kind is default. Set Kind to small-block or bitmap to use BufferPool.")]
    private static partial void LogDefault(ILogger logger);
}
