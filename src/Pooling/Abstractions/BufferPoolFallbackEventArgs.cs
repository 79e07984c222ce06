namespace BufferPool;

/// <summary>
/// A rent served outside a pool, or refused with <see cref="BufferPoolExhaustedException"/>: what
/// <see cref="IBufferPool.FallbackOccurred"/> reports, on the renting thread.
/// </summary>
/// <param name="reason">Why.</param>
/// <param name="bytes">The rent's size in bytes.</param>
/// <param name="fallbackCount">The pool's fallbacks so far, this one included (a refused rent is not a fallback).</param>
/// <param name="refused">True when the rent threw <see cref="BufferPoolExhaustedException"/> instead.</param>
public sealed class BufferPoolFallbackEventArgs(BufferPoolFallbackReason reason, long bytes, long fallbackCount, bool refused) : EventArgs
{
    /// <summary>Why the rent was not served from the pool.</summary>
    public BufferPoolFallbackReason Reason { get; } = reason;

    /// <summary>The rent's size in bytes.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>The pool's fallbacks so far, this one included (a refused rent is not a fallback).</summary>
    public long FallbackCount { get; } = fallbackCount;

    /// <summary>True when the rent threw <see cref="BufferPoolExhaustedException"/> rather than being served outside the pool.</summary>
    public bool Refused { get; } = refused;
}
