using Microsoft.Extensions.Configuration;

namespace BufferPool.Hosting;

/// <summary>
/// The keys under the <c>BufferPool</c> section that some BufferPool setting reads, listed here rather than found by
/// reflection so that hosting stays trim- and AOT-safe (a test compares each list with its options classes' public
/// settable properties). A misspelled key (<c>BufferPool:BlokSize</c>) would otherwise be ignored without a word.
/// </summary>
internal static class ConfigurationKeysCheck
{
    /// <summary>The settings both memory pools share (<see cref="MemoryPoolSettings"/>).</summary>
    public static readonly string[] MemoryPoolSettings =
    [
        nameof(BufferPool.MemoryPoolSettings.ThreadCacheSize),
        nameof(BufferPool.MemoryPoolSettings.MaxReservedBytes),
        nameof(BufferPool.MemoryPoolSettings.ExhaustionBehavior),
        nameof(BufferPool.MemoryPoolSettings.DiagnosticsMode),
        nameof(BufferPool.MemoryPoolSettings.LeaseMode),
        nameof(BufferPool.MemoryPoolSettings.TrackingSampleRate),
        nameof(BufferPool.MemoryPoolSettings.PurgeDelay),
    ];

    /// <summary>The settings both array pools share (<see cref="ArrayPoolSettings"/>).</summary>
    public static readonly string[] ArrayPoolSettings =
    [
        nameof(BufferPool.ArrayPoolSettings.MaxArrayLength),
        nameof(BufferPool.ArrayPoolSettings.ThreadCacheSize),
        nameof(BufferPool.ArrayPoolSettings.MaxReservedBytes),
        nameof(BufferPool.ArrayPoolSettings.DiagnosticsMode),
    ];

    /// <summary>Every key of <see cref="SmallBlockPoolOptions"/>.</summary>
    public static readonly string[] SmallBlockPool =
    [
        .. MemoryPoolSettings,
        nameof(SmallBlockPoolOptions.SuperBlockSize),
        nameof(SmallBlockPoolOptions.BlockSize),
        nameof(SmallBlockPoolOptions.RetainedSuperBlocks),
    ];

    /// <summary>Every key of <see cref="BitmapPoolOptions"/>.</summary>
    public static readonly string[] BitmapPool =
    [
        .. MemoryPoolSettings,
        nameof(BitmapPoolOptions.BlockSize),
        nameof(BitmapPoolOptions.InitialBlocksPerSuperBlock),
        nameof(BitmapPoolOptions.MaxBlocksPerSuperBlock),
        nameof(BitmapPoolOptions.MaxFreeListEntries),
        nameof(BitmapPoolOptions.MaxWastagePercent),
        nameof(BitmapPoolOptions.RetainedFreeListEntries),
    ];

    /// <summary>Every key of <see cref="SmallBlockArrayPoolOptions"/> (section <c>BufferPool:Arrays</c>).</summary>
    public static readonly string[] SmallBlockArrays = [.. ArrayPoolSettings, nameof(SmallBlockArrayPoolOptions.ArraysPerSizeClass)];

    /// <summary>Every key of <see cref="FreeListArrayPoolOptions"/> (section <c>BufferPool:Arrays</c>).</summary>
    public static readonly string[] FreeListArrays =
    [
        .. ArrayPoolSettings,
        nameof(FreeListArrayPoolOptions.MaxFreeListEntries),
        nameof(FreeListArrayPoolOptions.MaxWastagePercent),
    ];

    /// <summary>Every key of <see cref="BufferPoolTrimmingOptions"/> (section <c>BufferPool:Trimming</c>).</summary>
    public static readonly string[] Trimming = [nameof(BufferPoolTrimmingOptions.Period), nameof(BufferPoolTrimmingOptions.CollectWhenIdle)];

    /// <summary>Keys of the section itself that no options class has.</summary>
    private static readonly string[] SectionKeys = ["Kind"];

    /// <summary>Subsections that other parts of BufferPool own and check themselves.</summary>
    private static readonly string[] OtherSections = ["Sockets"];

    /// <summary>The unknown keys of <paramref name="section"/>, as full configuration paths.</summary>
    /// <param name="section">The <c>BufferPool</c> section.</param>
    /// <param name="poolSettings">The memory pool's keys.</param>
    /// <param name="arraySettings">The array pools' keys (subsection <c>Arrays</c>).</param>
    public static List<string> UnknownKeys(IConfiguration section, IReadOnlyCollection<string> poolSettings, IReadOnlyCollection<string> arraySettings)
    {
        var unknown = new List<string>();
        var known = new HashSet<string>(poolSettings.Concat(SectionKeys), StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (child.Key.Equals("Trimming", StringComparison.OrdinalIgnoreCase))
            {
                Check(child, Trimming, unknown);
            }
            else if (child.Key.Equals(Microsoft.Extensions.DependencyInjection.BufferPoolServiceCollectionExtensions.ArraysSection, StringComparison.OrdinalIgnoreCase))
            {
                Check(child, arraySettings, unknown);
            }
            else if (!known.Contains(child.Key) && !OtherSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                unknown.Add(child.Path);
            }
        }

        return unknown;
    }

    private static void Check(IConfigurationSection section, IReadOnlyCollection<string> settings, List<string> unknown)
    {
        var known = new HashSet<string>(settings, StringComparer.OrdinalIgnoreCase);
        unknown.AddRange(section.GetChildren().Where(c => !known.Contains(c.Key)).Select(c => c.Path));
    }
}
