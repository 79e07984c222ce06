namespace BufferPool;

/// <summary>A lease that diagnostics mode saw rented and not yet returned.</summary>
/// <param name="Bytes">The length of the lease's memory.</param>
/// <param name="RentedAt">When it was rented (UTC).</param>
/// <param name="StackTrace">Where it was rented.</param>
public sealed record BufferPoolLeak(int Bytes, DateTime RentedAt, string StackTrace);
