using BufferPool.ThreadCaching;

namespace BufferPool.Pools;

/// <summary>
/// What a <see cref="BufferMemoryPool"/> needs of its engine off the hot path: figures, trimming and disposal. The
/// rent path uses the engine's own sealed type, so it pays no interface call.
/// </summary>
internal interface IPoolEngine : IDisposable
{
    /// <summary>The engine's superblocks and free-list figures.</summary>
    PoolFigures GetFigures();

    /// <summary>Rents and returns, summed over every thread.</summary>
    ThreadCacheTotals GetTraffic();

    /// <summary>Releases idle memory; returns the bytes released.</summary>
    long Trim();
}
