using BufferPool.Common;

namespace BufferPool;

/// <summary>
/// Settings of <see cref="SmallBlockMemoryPool"/> (the array pool has its own, <see cref="SmallBlockArrayPoolOptions"/>).
/// Mutable so that it binds from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
public sealed class SmallBlockPoolOptions
{
    /// <summary>Smallest allowed <see cref="BlockSize"/>.</summary>
    public const int MinBlockSize = 4 * 1024;

    /// <summary>Largest allowed <see cref="BlockSize"/>.</summary>
    public const int MaxBlockSize = 1024 * 1024;

    /// <summary>Largest allowed <see cref="SuperBlockSize"/>.</summary>
    public const int MaxSuperBlockSize = 64 * 1024 * 1024;

    /// <summary>Largest allowed <see cref="ThreadCacheSize"/>.</summary>
    public const int MaxThreadCacheSize = ThreadCache.MaxCapacity;

    /// <summary>Largest allowed <see cref="TrackingSampleRate"/>.</summary>
    public const int MaxTrackingSampleRate = 1024 * 1024;

    /// <summary>
    /// Bytes in one superblock, the unit requested from the runtime: a power of two from <see cref="BlockSize"/>
    /// to 64 MiB. Default 1 MiB.
    /// </summary>
    public int SuperBlockSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Bytes in one block, the unit a size class takes from a superblock: a power of two from 4 KiB to 1 MiB.
    /// It is also the largest size class, so it is the pool's <c>MaxBufferSize</c>. Default 64 KiB.
    /// </summary>
    public int BlockSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Free items each thread keeps per size class before it touches the shared lists, 0 to 16. Classes above
    /// 4 KiB keep proportionally fewer, and at least one. 0 turns the per-thread cache off. Default 8.
    /// </summary>
    public int ThreadCacheSize { get; set; } = 8;

    /// <summary>Idle superblocks that <c>Trim()</c> keeps for the next burst, 0 or more. Default 1.</summary>
    public int RetainedSuperBlocks { get; set; } = 1;

    /// <summary>
    /// Upper bound on the bytes held in superblocks, or <see langword="null"/> for no bound. When a rent would
    /// pass it, <see cref="ExhaustionBehavior"/> decides what happens. Default <see langword="null"/>.
    /// </summary>
    public long? MaxReservedBytes { get; set; }

    /// <summary>What a rent does when <see cref="MaxReservedBytes"/> is reached. Default <see cref="PoolExhaustionBehavior.Fallback"/>.</summary>
    public PoolExhaustionBehavior ExhaustionBehavior { get; set; } = PoolExhaustionBehavior.Fallback;

    /// <summary>
    /// Diagnostics mode, off by default: each rent records its stack trace (see <c>GetLeaks()</c>; leases never returned
    /// are reported as events when the pool is disposed), returned memory is poisoned with 0xDF and checked on the
    /// next rent (a write after return throws and raises an event), and a lease disposed or used twice is caught.
    /// Every rent then allocates and takes a stack trace.
    /// </summary>
    public bool DiagnosticsMode { get; set; }

    /// <summary>
    /// <see cref="SmallBlockMemoryPool"/> only: a new owner object per rent (<see cref="LeaseMode.PerRent"/>, the default,
    /// 24 bytes per rent; a stale <c>Dispose</c> or <c>Memory</c> always throws and never reaches the slot) or the
    /// slot's reused one (<see cref="LeaseMode.Reused"/>, no allocation; a stale <c>Dispose</c> after the slot was
    /// rented again is not detected). See <see cref="BufferPool.LeaseMode"/>.
    /// </summary>
    public LeaseMode LeaseMode { get; set; } = LeaseMode.PerRent;

    /// <summary>
    /// <see cref="SmallBlockMemoryPool"/> only: track about one rent in this many, 0 (off, the default) to 1,048,576;
    /// 1024 is cheap enough to leave on in production. A tracked rent gets an owner object of its own that records
    /// where it was rented: using it after <c>Dispose</c> (<c>Dispose</c>, <c>Memory</c>, or the span of a kept
    /// <c>Memory&lt;byte&gt;</c>) raises the <c>StaleLeaseUsed</c> event, and one collected without being disposed
    /// raises <c>LeakDetected</c> with its rent stack and goes back to the pool. The choice is random per rent, so no
    /// call site is missed because of the rhythm it rents in. <see cref="DiagnosticsMode"/> tracks every rent and
    /// takes precedence.
    /// </summary>
    public int TrackingSampleRate { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    internal void Validate()
    {
        OptionChecks.PowerOfTwo(BlockSize, MinBlockSize, MaxBlockSize, nameof(BlockSize));
        OptionChecks.PowerOfTwo(SuperBlockSize, BlockSize, MaxSuperBlockSize, nameof(SuperBlockSize));
        OptionChecks.InRange(ThreadCacheSize, 0, MaxThreadCacheSize, nameof(ThreadCacheSize));
        OptionChecks.InRange(RetainedSuperBlocks, 0, int.MaxValue, nameof(RetainedSuperBlocks));
        if (MaxReservedBytes is long max)
        {
            OptionChecks.InRange(max, SuperBlockSize, long.MaxValue, nameof(MaxReservedBytes));
        }

        OptionChecks.Defined(ExhaustionBehavior, nameof(ExhaustionBehavior));
        OptionChecks.Defined(LeaseMode, nameof(LeaseMode));
        OptionChecks.InRange(TrackingSampleRate, 0, MaxTrackingSampleRate, nameof(TrackingSampleRate));
    }
}
