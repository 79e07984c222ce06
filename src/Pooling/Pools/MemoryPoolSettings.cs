using System.ComponentModel.DataAnnotations;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// The settings every BufferPool <see cref="System.Buffers.MemoryPool{T}"/> has, whatever its algorithm. Mutable so
/// that they bind from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
public abstract class MemoryPoolSettings : IValidatableObject
{
    /// <summary>Largest allowed <see cref="ThreadCacheSize"/>.</summary>
    public const int MaxThreadCacheSize = ThreadCache.MaxCapacity;

    /// <summary>Largest allowed <see cref="TrackingSampleRate"/>.</summary>
    public const int MaxTrackingSampleRate = 1024 * 1024;

    private protected MemoryPoolSettings()
    {
    }

    /// <summary>
    /// Free items each thread keeps (per size class, where the pool has classes) before it touches the shared lists,
    /// 0 to 16; 0 turns the per-thread cache off. Default 8.
    /// </summary>
    public int ThreadCacheSize { get; set; } = 8;

    /// <summary>
    /// Upper bound on the bytes the pool reserves, or <see langword="null"/> for no bound. When a rent would pass it,
    /// the pool first takes back idle memory (cached items, empty blocks of other classes), then
    /// <see cref="ExhaustionBehavior"/> decides. Default <see langword="null"/>.
    /// </summary>
    public long? MaxReservedBytes { get; set; }

    /// <summary>What a rent does when <see cref="MaxReservedBytes"/> is reached. Default <see cref="PoolExhaustionBehavior.Fallback"/>.</summary>
    public PoolExhaustionBehavior ExhaustionBehavior { get; set; } = PoolExhaustionBehavior.Fallback;

    /// <summary>
    /// Diagnostics mode, off by default: each rent records its stack trace (see <c>GetLeaks()</c>; leases never returned
    /// are reported as events when the pool is disposed), returned memory is poisoned with 0xDF and checked on the
    /// next rent (a write after return throws and raises an event), and a lease disposed or used after its dispose is
    /// reported (an event and the misuse log; a second dispose is otherwise ignored, a use throws).
    /// Every rent then allocates and takes a stack trace.
    /// </summary>
    public bool DiagnosticsMode { get; set; }

    /// <summary>
    /// A new owner object per rent (<see cref="LeaseMode.PerRent"/>, the default, 24 bytes per rent; a stale
    /// <c>Dispose</c> is ignored and a stale <c>Memory</c> throws, and neither reaches the slot) or the slot's reused one
    /// (<see cref="LeaseMode.Reused"/>, no allocation; a stale <c>Dispose</c> after the slot was rented again is not
    /// detected). See <see cref="BufferPool.LeaseMode"/>.
    /// </summary>
    public LeaseMode LeaseMode { get; set; } = LeaseMode.PerRent;

    /// <summary>
    /// Track about one rent in this many, 0 (off, the default) to 1,048,576. A tracked rent gets an owner object of its
    /// own that records where it was rented: using it after <c>Dispose</c> (<c>Dispose</c>, <c>Memory</c>, or the span
    /// of a kept <c>Memory&lt;byte&gt;</c>) raises the <c>StaleLeaseUsed</c> event, and one collected without being
    /// disposed raises <c>LeakDetected</c> with its rent stack and goes back to the pool. The choice is random per
    /// rent, so no call site is missed because of the rhythm it rents in. A tracked rent costs a stack trace (about
    /// 7 µs), so below a rate of 1 each thread tracks at most one rent per 10 ms, which bounds the cost however hot the
    /// path is; 1 tracks every rent. <see cref="DiagnosticsMode"/> tracks every rent and takes precedence.
    /// </summary>
    public int TrackingSampleRate { get; set; }

    /// <summary>
    /// How long a free block or an idle superblock stays resident before <c>Trim()</c> gives its pages back to the OS,
    /// from 0 to 1 hour, or <see cref="Timeout.InfiniteTimeSpan"/> to keep idle memory resident. The pool keeps the
    /// memory's address, so the next rent of it pays page faults (a few microseconds per 64 KiB), not an allocation.
    /// Superblocks that <c>Trim()</c> releases are given back at once whatever this says. <c>Trim()</c> is what purges,
    /// so memory that went idle at one trim goes at the first trim at least this long after it. Default 1 second:
    /// with the hosted trimming service's 5-second period, idle memory leaves within two periods, and a block that sits
    /// out one trim in a busy moment is not purged and faulted straight back. See docs/memory.md.
    /// </summary>
    public TimeSpan PurgeDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The purge delay in milliseconds, or -1 for never: what the engines keep.</summary>
    internal long PurgeDelayMilliseconds => PurgeDelay == Timeout.InfiniteTimeSpan ? -1 : (long)PurgeDelay.TotalMilliseconds;

    /// <summary>
    /// Every setting that is out of range, each named as the result's one member and by its message, with its bounds
    /// and the bad value. A rule relative to another setting is checked only while that setting is valid itself, so
    /// one typo gives one result. Pools run this when they are built; hosting runs it at startup.
    /// </summary>
    /// <param name="validationContext">Not used: the checks need nothing beyond the options.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Check().Results;

    /// <summary>Every setting that is out of range: the derived pool's own and the shared ones.</summary>
    internal abstract OptionChecks Check();

    /// <summary>Checks the shared settings, adding every one that is out of range to <paramref name="checks"/>.</summary>
    /// <param name="checks">Where the problems go.</param>
    /// <param name="minReservedBytes">The smallest budget that holds one unit of the pool's growth, or 0 when the sizes
    /// that set it are themselves out of range.</param>
    private protected void CheckShared(OptionChecks checks, long minReservedBytes)
    {
        checks.InRange(ThreadCacheSize, 0, MaxThreadCacheSize, nameof(ThreadCacheSize));
        if (MaxReservedBytes is long max)
        {
            checks.InRange(max, minReservedBytes, long.MaxValue, nameof(MaxReservedBytes));
        }

        checks.Defined(ExhaustionBehavior, nameof(ExhaustionBehavior));
        checks.Defined(LeaseMode, nameof(LeaseMode));
        checks.InRange(TrackingSampleRate, 0, MaxTrackingSampleRate, nameof(TrackingSampleRate));
        if (PurgeDelay != Timeout.InfiniteTimeSpan && (PurgeDelay < TimeSpan.Zero || PurgeDelay > TimeSpan.FromHours(1)))
        {
            checks.Add(nameof(PurgeDelay),
                $"{nameof(PurgeDelay)} must be between 00:00:00 and 01:00:00, or Timeout.InfiniteTimeSpan to keep idle memory resident; it was {PurgeDelay}.");
        }
    }
}
