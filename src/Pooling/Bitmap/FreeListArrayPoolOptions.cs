using BufferPool.Primitives;

namespace BufferPool;

/// <summary>Settings of <see cref="FreeListArrayPool{T}"/> (configuration section <c>BufferPool:Arrays</c> in hosting).</summary>
public sealed class FreeListArrayPoolOptions : ArrayPoolSettings
{
    /// <summary>Largest allowed <see cref="MaxFreeListEntries"/>.</summary>
    public const int MaxFreeListEntriesLimit = 4096;

    /// <summary>The Free List Store's cap: idle arrays kept in the shared store, 1 to 4096. Default 64 (libstdc++'s).</summary>
    public int MaxFreeListEntries { get; set; } = 64;

    /// <summary>
    /// The store hands out an array only if <c>(length - request) * 100 / length</c> is below this, 0 to 100.
    /// Default 36 (libstdc++'s).
    /// </summary>
    public int MaxWastagePercent { get; set; } = 36;

    /// <inheritdoc />
    private protected override void CheckOwn(OptionChecks checks)
    {
        checks.InRange(MaxArrayLength, 1, MaxMaxArrayLength, nameof(MaxArrayLength));
        checks.InRange(MaxFreeListEntries, 1, MaxFreeListEntriesLimit, nameof(MaxFreeListEntries));
        checks.InRange(MaxWastagePercent, 0, 100, nameof(MaxWastagePercent));
    }
}
