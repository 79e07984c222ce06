namespace BufferPool.Diagnostics;

/// <summary>A live pool as diagnostics see it: what it is, whose it is, and its counters.</summary>
internal interface IPoolDiagnosticsSource
{
    /// <summary>The <c>bufferpool.kind</c> tag: <c>small-block</c>, <c>bitmap</c>, <c>small-block-array</c>, <c>free-list</c>.</summary>
    string Kind { get; }

    /// <summary>The <c>bufferpool.owner</c> tag: <c>app</c> unless hosting says otherwise.</summary>
    string Owner { get; }

    BufferPoolStatistics GetStatistics();
}
