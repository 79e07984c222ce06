using Microsoft.Extensions.Logging;

namespace BufferPool.Hosting;

/// <summary>Where sampled lease tracking reports misuse in an app: a warning on the <c>BufferPool</c> logger.</summary>
internal static partial class MisuseLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "BufferPool";

    /// <summary>Points <paramref name="pool"/>'s misuse reports at <paramref name="logger"/>.</summary>
    public static void Attach(BufferMemoryPool pool, ILogger logger) => pool.MisuseDetected += (_, e) => Misuse(logger, pool.Name, e.Message);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Buffer misuse in the {Pool} pool: {Report}")]
    private static partial void Misuse(ILogger logger, string pool, string report);
}
