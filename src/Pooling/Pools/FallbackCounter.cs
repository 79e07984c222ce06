namespace BufferPool;

/// <summary>
/// Counts rents served outside the pool (budget exhausted, or longer than the pool serves) and their returns.
/// Interlocked, because fallbacks are off the hot path by definition.
/// </summary>
internal sealed class FallbackCounter
{
    private long _count;
    private long _returns;
    private long _bytesOut;
    private long _bytesTotal;

    public long Count => Interlocked.Read(ref _count);

    public long Returns => Interlocked.Read(ref _returns);

    /// <summary>Bytes of fallback rents not yet returned (0 for pools that cannot see their returns).</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Bytes of every fallback rent so far.</summary>
    public long BytesTotal => Interlocked.Read(ref _bytesTotal);

    public void Record(int bytes)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Add(ref _bytesTotal, bytes);
    }

    public void RecordReturn(int bytes)
    {
        Interlocked.Increment(ref _returns);
        Interlocked.Add(ref _bytesOut, -bytes);
    }
}
