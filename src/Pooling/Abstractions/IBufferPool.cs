namespace BufferPool;

/// <summary>
/// What every BufferPool pool is, whatever it hands out (<see cref="System.Buffers.MemoryPool{T}"/> leases or
/// <see cref="System.Buffers.ArrayPool{T}"/> arrays): hosting, diagnostics and tests handle all of them through this.
/// </summary>
public interface IBufferPool : IDisposable
{
    /// <summary>The algorithm family, the <c>bufferpool.kind</c> tag: one of <see cref="BufferPoolKinds"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// A readable name: the kind for a memory pool, the kind and element type for an array pool
    /// (<c>small-block-array&lt;char&gt;</c>).
    /// </summary>
    string Name { get; }

    /// <summary>The element type handed out: <see cref="byte"/> for memory pools, <c>T</c> for <c>ArrayPool&lt;T&gt;</c>.</summary>
    Type ElementType { get; }

    /// <summary>The pool's budget in bytes, or <see langword="null"/> when it has none.</summary>
    long? MaxReservedBytes { get; }

    /// <summary>
    /// Raised on the renting thread for each rent the pool served outside itself (counted in
    /// <see cref="BufferPoolStatistics.FallbackCount"/>) or refused with <see cref="BufferPoolExhaustedException"/>. Hosting
    /// turns it into a rate-limited warning. A handler must not throw; it runs on the fallback path only, which is the
    /// slow path already.
    /// </summary>
    event EventHandler<BufferPoolFallbackEventArgs>? FallbackOccurred;

    /// <summary>A snapshot of the pool's counters.</summary>
    BufferPoolStatistics GetStatistics();

    /// <summary>
    /// Gives idle memory back to the GC, including what threads that are idle or have exited still cache, beyond
    /// what the options retain. Returns the bytes released.
    /// </summary>
    long Trim();
}
