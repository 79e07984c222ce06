namespace BufferPool;

/// <summary>What a pool does when a rent would take its reserved memory past <c>MaxReservedBytes</c>.</summary>
public enum PoolExhaustionBehavior
{
    /// <summary>Serve the rent from a fresh, unpooled array and count it as a fallback.</summary>
    Fallback,

    /// <summary>Throw <see cref="BufferPoolExhaustedException"/>.</summary>
    Throw,
}
