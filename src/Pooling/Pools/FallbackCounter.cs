using BufferPool.Primitives;

namespace BufferPool.Pools;

/// <summary>
/// Counts rents served outside the pool (budget exhausted, or longer than the pool serves) and their returns, and
/// raises the pool's <see cref="IBufferPool.FallbackOccurred"/> for each. Interlocked, because fallbacks are off the hot path by definition.
/// </summary>
internal sealed class FallbackCounter(object pool)
{
    private long _count;
    private long _returns;
    private long _bytesOut;
    private long _bytesTotal;

    /// <summary>The pool's <see cref="IBufferPool.FallbackOccurred"/>, raised on the renting thread for each fallback or refused rent.</summary>
    public PoolEvent<BufferPoolFallbackEventArgs> Occurred { get; } = new(pool);

    public long Count => Interlocked.Read(ref _count);

    public long Returns => Interlocked.Read(ref _returns);

    /// <summary>Bytes of fallback rents not yet returned (0 for pools that cannot see their returns).</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Bytes of every fallback rent so far.</summary>
    public long BytesTotal => Interlocked.Read(ref _bytesTotal);

    public void Record(int bytes, BufferPoolFallbackReason reason)
    {
        long count = Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Add(ref _bytesTotal, bytes);
        Occurred.Raise?.Invoke(new BufferPoolFallbackEventArgs(reason, bytes, count, refused: false));
    }

    /// <summary>A rent refused because the budget was spent (<c>ExhaustionBehavior = Throw</c>): reported, not counted.</summary>
    public void RecordRefused(int bytes) => Occurred.Raise?.Invoke(new BufferPoolFallbackEventArgs(BufferPoolFallbackReason.BudgetExhausted, bytes, Count, refused: true));

    public void RecordReturn(int bytes)
    {
        Interlocked.Increment(ref _returns);
        Interlocked.Add(ref _bytesOut, -bytes);
    }
}
