namespace BufferPool.Benchmarks.CostModel;

/// <summary>
/// Which of BufferPool's guarantees a <see cref="ModelPool{TGuarantees}"/> pays for on its owner's side. Static abstract
/// members of a struct, so the JIT compiles each model with its guarantees as constants and drops the code of the rest.
/// </summary>
internal interface IGuarantees
{
    /// <summary>A second <c>Dispose</c> in sequence is ignored: the lease's state, a plain store at rent and at dispose.</summary>
    static abstract bool IgnoresSecondDispose { get; }

    /// <summary>
    /// Two racing disposes return the buffer once: the dispose takes the state with a <c>lock cmpxchg</c> instead of a plain
    /// store (BufferPool's <c>Reused</c> lease of an app's own rent).
    /// </summary>
    static abstract bool IgnoresRacingDispose { get; }

    /// <summary>
    /// Another thread may take an idle or busy thread's cached buffers back (trim, budget, disposal): each access brackets
    /// the cache with two plain stores of a busy flag and one load of the reclaimer's flag (ThreadCaching/README.md).
    /// </summary>
    static abstract bool ReclaimsCaches { get; }

    /// <summary>Exact rent counts per owner and return counts: one plain increment on each side.</summary>
    static abstract bool CountsExactly { get; }

    /// <summary>
    /// A thread's cache slot may have belonged to a disposed pool: the cache's token is compared with the pool's on each
    /// access.
    /// </summary>
    static abstract bool ChecksPoolIdentity { get; }
}

/// <summary>None: the floor of any <c>MemoryPool&lt;byte&gt;</c> with a reused owner object and a per-thread cache.</summary>
internal struct NoGuarantees : IGuarantees
{
    public static bool IgnoresSecondDispose => false;
    public static bool IgnoresRacingDispose => false;
    public static bool ReclaimsCaches => false;
    public static bool CountsExactly => false;
    public static bool ChecksPoolIdentity => false;
}

/// <summary>The floor and a second <c>Dispose</c> ignored.</summary>
internal struct SecondDisposeOnly : IGuarantees
{
    public static bool IgnoresSecondDispose => true;
    public static bool IgnoresRacingDispose => false;
    public static bool ReclaimsCaches => false;
    public static bool CountsExactly => false;
    public static bool ChecksPoolIdentity => false;
}

/// <summary>A second <c>Dispose</c> ignored, and caches that can be reclaimed.</summary>
internal struct SecondDisposeAndReclaim : IGuarantees
{
    public static bool IgnoresSecondDispose => true;
    public static bool IgnoresRacingDispose => false;
    public static bool ReclaimsCaches => true;
    public static bool CountsExactly => false;
    public static bool ChecksPoolIdentity => false;
}

/// <summary>A second <c>Dispose</c> ignored, and exact counts.</summary>
internal struct SecondDisposeAndCounts : IGuarantees
{
    public static bool IgnoresSecondDispose => true;
    public static bool IgnoresRacingDispose => false;
    public static bool ReclaimsCaches => false;
    public static bool CountsExactly => true;
    public static bool ChecksPoolIdentity => false;
}

/// <summary>Everything BufferPool's factory path (a trusted owner's view) guarantees.</summary>
internal struct FactoryPathGuarantees : IGuarantees
{
    public static bool IgnoresSecondDispose => true;
    public static bool IgnoresRacingDispose => false;
    public static bool ReclaimsCaches => true;
    public static bool CountsExactly => true;
    public static bool ChecksPoolIdentity => true;
}

/// <summary>The factory path's guarantees and racing disposes made harmless: BufferPool's <c>Reused</c> lease.</summary>
internal struct ReusedLeaseGuarantees : IGuarantees
{
    public static bool IgnoresSecondDispose => true;
    public static bool IgnoresRacingDispose => true;
    public static bool ReclaimsCaches => true;
    public static bool CountsExactly => true;
    public static bool ChecksPoolIdentity => true;
}
