using BufferPool.Common;

namespace BufferPool;

/// <summary>
/// Settings of <see cref="BitmapMemoryPool"/> (the array pool has its own, <see cref="FreeListArrayPoolOptions"/>). Mutable so that it binds
/// from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
public sealed class BitmapPoolOptions
{
    /// <summary>Largest allowed <see cref="BlockSize"/>.</summary>
    public const int MaxBlockSize = 1024 * 1024;

    /// <summary>Largest allowed <see cref="MaxBlocksPerSuperBlock"/>.</summary>
    public const int MaxBlocksLimit = 1 << 20;

    /// <summary>Largest allowed super block, in bytes: <see cref="BlockSize"/> x <see cref="MaxBlocksPerSuperBlock"/>.</summary>
    public const long MaxSuperBlockBytes = 1L << 30;

    /// <summary>Largest allowed <see cref="MaxFreeListEntries"/>.</summary>
    public const int MaxFreeListEntriesLimit = 4096;

    /// <summary>Largest allowed <see cref="TrackingSampleRate"/>.</summary>
    public const int MaxTrackingSampleRate = 1024 * 1024;

    /// <summary>
    /// Bytes in one block, the one size the pool hands out: a power of two from 64 B to 1 MiB. It is the pool's
    /// <c>MaxBufferSize</c>. Default 4096, the segment size Kestrel asks for.
    /// </summary>
    public int BlockSize { get; set; } = 4096;

    /// <summary>
    /// Blocks in the first super block: a power of two from 64 (one 64-bit bitmap word) to
    /// <see cref="MaxBlocksPerSuperBlock"/>. Each new super block has twice as many as the last. Default 64.
    /// </summary>
    public int InitialBlocksPerSuperBlock { get; set; } = 64;

    /// <summary>Where the doubling stops: a power of two up to 2^20. Default 16,384 (64 MiB of 4 KiB blocks).</summary>
    public int MaxBlocksPerSuperBlock { get; set; } = 16 * 1024;

    /// <summary>Entries the Free List Store holds at most, 1 to 4096. Default 64, libstdc++'s threshold.</summary>
    public int MaxFreeListEntries { get; set; } = 64;

    /// <summary>
    /// The Free List Store gives out an entry only if less than this share of it would go unused, 0 to 100.
    /// Default 36, libstdc++'s choice.
    /// </summary>
    public int MaxWastagePercent { get; set; } = 36;

    /// <summary>Free List Store entries that <c>Trim()</c> keeps for the next burst, 0 to <see cref="MaxFreeListEntries"/>. Default 1.</summary>
    public int RetainedFreeListEntries { get; set; } = 1;

    /// <summary>Free blocks (or arrays) each thread keeps before it touches the shared bitmaps, 0 to 16. Default 8.</summary>
    public int ThreadCacheSize { get; set; } = 8;

    /// <summary>
    /// Upper bound on the bytes held in super blocks and the Free List Store, or <see langword="null"/> for no
    /// bound. When a rent would pass it, <see cref="ExhaustionBehavior"/> decides what happens. Default null.
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
    /// <see cref="BitmapMemoryPool"/> only: a new owner object per rent (<see cref="LeaseMode.PerRent"/>, the default,
    /// 24 bytes per rent; a stale <c>Dispose</c> or <c>Memory</c> always throws and never reaches the slot) or the
    /// slot's reused one (<see cref="LeaseMode.Reused"/>, no allocation; a stale <c>Dispose</c> after the slot was
    /// rented again is not detected). See <see cref="BufferPool.LeaseMode"/>.
    /// </summary>
    public LeaseMode LeaseMode { get; set; } = LeaseMode.PerRent;

    /// <summary>
    /// <see cref="BitmapMemoryPool"/> only: track about one rent in this many, 0 (off, the default) to 1,048,576;
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
        OptionChecks.PowerOfTwo(BlockSize, 64, MaxBlockSize, nameof(BlockSize));
        OptionChecks.PowerOfTwo(MaxBlocksPerSuperBlock, 64, MaxBlocksLimit, nameof(MaxBlocksPerSuperBlock));
        OptionChecks.PowerOfTwo(InitialBlocksPerSuperBlock, 64, MaxBlocksPerSuperBlock, nameof(InitialBlocksPerSuperBlock));
        OptionChecks.InRange((long)BlockSize * MaxBlocksPerSuperBlock, 0, MaxSuperBlockBytes, nameof(MaxBlocksPerSuperBlock));
        OptionChecks.InRange(MaxFreeListEntries, 1, MaxFreeListEntriesLimit, nameof(MaxFreeListEntries));
        OptionChecks.InRange(MaxWastagePercent, 0, 100, nameof(MaxWastagePercent));
        OptionChecks.InRange(RetainedFreeListEntries, 0, MaxFreeListEntries, nameof(RetainedFreeListEntries));
        OptionChecks.InRange(ThreadCacheSize, 0, ThreadCache.MaxCapacity, nameof(ThreadCacheSize));
        if (MaxReservedBytes is long max)
        {
            OptionChecks.InRange(max, (long)BlockSize * InitialBlocksPerSuperBlock, long.MaxValue, nameof(MaxReservedBytes));
        }

        OptionChecks.Defined(ExhaustionBehavior, nameof(ExhaustionBehavior));
        OptionChecks.Defined(LeaseMode, nameof(LeaseMode));
        OptionChecks.InRange(TrackingSampleRate, 0, MaxTrackingSampleRate, nameof(TrackingSampleRate));
    }
}
