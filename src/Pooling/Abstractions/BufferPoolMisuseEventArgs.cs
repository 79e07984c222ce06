namespace BufferPool;

/// <summary>
/// A tracked lease (sampled, or any in diagnostics mode) used or disposed after it was returned, or collected without
/// being returned: what <see cref="BufferMemoryPool.MisuseDetected"/> reports.
/// </summary>
/// <param name="message">What happened, with the stack of the rent.</param>
public sealed class BufferPoolMisuseEventArgs(string message) : EventArgs
{
    /// <summary>What happened, and where the lease was rented.</summary>
    public string Message { get; } = message;
}
