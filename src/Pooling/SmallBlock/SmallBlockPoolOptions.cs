using BufferPool.Primitives;

namespace BufferPool;

/// <summary>
/// Settings of <see cref="SmallBlockMemoryPool"/> (the array pool has its own, <see cref="SmallBlockArrayPoolOptions"/>).
/// Mutable so that it binds from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
public sealed class SmallBlockPoolOptions : MemoryPoolSettings
{
    /// <summary>Smallest allowed <see cref="BlockSize"/>.</summary>
    public const int MinBlockSize = 4 * 1024;

    /// <summary>Largest allowed <see cref="BlockSize"/>.</summary>
    public const int MaxBlockSize = 1024 * 1024;

    /// <summary>Largest allowed <see cref="SuperBlockSize"/>.</summary>
    public const int MaxSuperBlockSize = 64 * 1024 * 1024;

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

    /// <summary>Idle superblocks that <c>Trim()</c> keeps for the next burst, 0 or more. Default 1.</summary>
    public int RetainedSuperBlocks { get; set; } = 1;

    /// <inheritdoc />
    internal override OptionChecks Check()
    {
        var checks = new OptionChecks();
        checks.PowerOfTwo(BlockSize, MinBlockSize, MaxBlockSize, nameof(BlockSize));

        // A superblock holds at least one block; with a bad BlockSize, only its own bounds are checked.
        checks.PowerOfTwo(SuperBlockSize, checks.Failed(nameof(BlockSize)) ? MinBlockSize : BlockSize, MaxSuperBlockSize, nameof(SuperBlockSize));
        checks.InRange(RetainedSuperBlocks, 0, int.MaxValue, nameof(RetainedSuperBlocks));
        CheckShared(checks, minReservedBytes: checks.Failed(nameof(SuperBlockSize)) ? 0 : SuperBlockSize);
        return checks;
    }
}
