namespace BufferPool;

/// <summary>Why a rent was served outside the pool, or refused.</summary>
public enum BufferPoolFallbackReason
{
    /// <summary>The pool's <c>MaxReservedBytes</c> was spent.</summary>
    BudgetExhausted,

    /// <summary>The rent was longer than the pool keeps (an array pool's <c>MaxArrayLength</c>).</summary>
    Oversize,
}
