namespace BufferPool;

/// <summary>Why a rent was served outside the pool, or refused.</summary>
internal enum FallbackReason
{
    /// <summary>The pool's <c>MaxReservedBytes</c> was spent.</summary>
    BudgetExhausted,

    /// <summary>The rent was longer than the pool keeps (an array pool's <c>MaxArrayLength</c>).</summary>
    Oversize,
}

/// <summary>A rent served outside the pool, or refused with <see cref="BufferPoolExhaustedException"/>.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Bytes">The rent's size in bytes.</param>
/// <param name="FallbackCount">The pool's fallbacks so far, this one included (a refused rent is not a fallback).</param>
/// <param name="Refused">True when the rent threw <see cref="BufferPoolExhaustedException"/> instead.</param>
internal readonly record struct FallbackReport(FallbackReason Reason, long Bytes, long FallbackCount, bool Refused);

/// <summary>
/// Counts rents served outside the pool (budget exhausted, or longer than the pool serves) and their returns, and
/// tells <see cref="Hook"/> about each. Interlocked, because fallbacks are off the hot path by definition.
/// </summary>
internal sealed class FallbackCounter
{
    private long _count;
    private long _returns;
    private long _bytesOut;
    private long _bytesTotal;

    /// <summary>Called on the renting thread for each fallback or refused rent; hosting points it at a rate-limited log.</summary>
    public volatile Action<FallbackReport>? Hook;

    public long Count => Interlocked.Read(ref _count);

    public long Returns => Interlocked.Read(ref _returns);

    /// <summary>Bytes of fallback rents not yet returned (0 for pools that cannot see their returns).</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Bytes of every fallback rent so far.</summary>
    public long BytesTotal => Interlocked.Read(ref _bytesTotal);

    public void Record(int bytes, FallbackReason reason)
    {
        long count = Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Add(ref _bytesTotal, bytes);
        Hook?.Invoke(new FallbackReport(reason, bytes, count, Refused: false));
    }

    /// <summary>A rent refused because the budget was spent (<c>ExhaustionBehavior = Throw</c>): reported, not counted.</summary>
    public void RecordRefused(int bytes) => Hook?.Invoke(new FallbackReport(FallbackReason.BudgetExhausted, bytes, Count, Refused: true));

    public void RecordReturn(int bytes)
    {
        Interlocked.Increment(ref _returns);
        Interlocked.Add(ref _bytesOut, -bytes);
    }
}
