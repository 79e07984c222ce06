using BufferPool.Pools;

namespace BufferPool.Tests;

/// <summary>An engine's figures as the statistics its pool would report, for engine-level tests.</summary>
internal static class EngineStatistics
{
    public static BufferPoolStatistics GetStatistics(this IPoolEngine engine) =>
        engine.GetFigures().Build(arrays: false, engine.GetTraffic(), new FallbackCounter(new object()));
}
