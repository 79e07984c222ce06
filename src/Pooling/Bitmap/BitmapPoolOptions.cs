using BufferPool.Primitives;

namespace BufferPool;

/// <summary>
/// Settings of <see cref="BitmapMemoryPool"/> (the array pool has its own, <see cref="FreeListArrayPoolOptions"/>). Mutable so that it binds
/// from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
public sealed class BitmapPoolOptions : MemoryPoolSettings
{
    /// <summary>Largest allowed <see cref="BlockSize"/>.</summary>
    public const int MaxBlockSize = 1024 * 1024;

    /// <summary>Largest allowed <see cref="MaxBlocksPerSuperBlock"/>.</summary>
    public const int MaxBlocksLimit = 1 << 20;

    /// <summary>Largest allowed super block, in bytes: <see cref="BlockSize"/> x <see cref="MaxBlocksPerSuperBlock"/>.</summary>
    public const long MaxSuperBlockBytes = 1L << 30;

    /// <summary>Largest allowed <see cref="MaxFreeListEntries"/>.</summary>
    public const int MaxFreeListEntriesLimit = 4096;

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

    /// <inheritdoc />
    internal override OptionChecks Check()
    {
        var checks = new OptionChecks();
        checks.PowerOfTwo(BlockSize, 64, MaxBlockSize, nameof(BlockSize));
        checks.PowerOfTwo(MaxBlocksPerSuperBlock, 64, MaxBlocksLimit, nameof(MaxBlocksPerSuperBlock));

        // Rules relative to another setting apply only while that setting is valid itself.
        bool sizesValid = !checks.Failed(nameof(BlockSize)) && !checks.Failed(nameof(MaxBlocksPerSuperBlock));
        checks.PowerOfTwo(InitialBlocksPerSuperBlock, 64, checks.Failed(nameof(MaxBlocksPerSuperBlock)) ? MaxBlocksLimit : MaxBlocksPerSuperBlock, nameof(InitialBlocksPerSuperBlock));
        if (sizesValid)
        {
            checks.InRange((long)BlockSize * MaxBlocksPerSuperBlock, 0, MaxSuperBlockBytes, nameof(MaxBlocksPerSuperBlock));
        }

        checks.InRange(MaxFreeListEntries, 1, MaxFreeListEntriesLimit, nameof(MaxFreeListEntries));
        checks.InRange(MaxWastagePercent, 0, 100, nameof(MaxWastagePercent));
        checks.InRange(RetainedFreeListEntries, 0, checks.Failed(nameof(MaxFreeListEntries)) ? MaxFreeListEntriesLimit : MaxFreeListEntries, nameof(RetainedFreeListEntries));
        CheckShared(checks, minReservedBytes: sizesValid && !checks.Failed(nameof(InitialBlocksPerSuperBlock)) ? (long)BlockSize * InitialBlocksPerSuperBlock : 0);
        return checks;
    }
}
