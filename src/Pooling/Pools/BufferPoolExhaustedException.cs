namespace BufferPool;

/// <summary>
/// Thrown by a rent that would take a pool past its <c>MaxReservedBytes</c> when the pool's exhaustion behaviour is
/// <see cref="PoolExhaustionBehavior.Throw"/>.
/// </summary>
public sealed class BufferPoolExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public BufferPoolExhaustedException()
        : base("The buffer pool has reached its MaxReservedBytes budget.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public BufferPoolExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public BufferPoolExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
