using System.ComponentModel.DataAnnotations;

namespace BufferPool.Tests.Primitives;

/// <summary>
/// Options report every bad setting through <see cref="IValidatableObject"/> (hosting lists them all at startup), while
/// a pool's constructor throws for the first; a rule relative to another setting is checked against it only while that
/// setting is valid.
/// </summary>
public sealed class OptionChecksTests
{
    [Fact]
    public void EveryBadSetting_IsReported_AndTheConstructorThrowsTheFirst()
    {
        var options = new SmallBlockPoolOptions { BlockSize = 5000, ThreadCacheSize = 99, TrackingSampleRate = -1 };

        Assert.Equal(["BlockSize", "ThreadCacheSize", "TrackingSampleRate"], Settings(options));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBlockMemoryPool(options));
        Assert.Equal("BlockSize", ex.ParamName);
        Assert.StartsWith("BlockSize must be a power of two between 4096 and 1048576; it was 5000.", ex.Message);
    }

    [Theory]
    [InlineData(-2L)] // -1 ms is Timeout.InfiniteTimeSpan, which is valid
    [InlineData(3600_001L)]
    public void PurgeDelay_OutOfRange_IsReportedByName_ForBothMemoryPools(long milliseconds)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(["PurgeDelay"], Settings(new SmallBlockPoolOptions { PurgeDelay = delay }));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BitmapMemoryPool(new BitmapPoolOptions { PurgeDelay = delay }));
        Assert.Equal("PurgeDelay", ex.ParamName);
        Assert.StartsWith("PurgeDelay must be between 00:00:00 and 01:00:00, or Timeout.InfiniteTimeSpan", ex.Message);
    }

    [Fact]
    public void PurgeDelay_ZeroAnHourAndInfinite_AreValid()
    {
        Assert.Empty(Settings(new SmallBlockPoolOptions { PurgeDelay = TimeSpan.Zero }));
        Assert.Empty(Settings(new SmallBlockPoolOptions { PurgeDelay = TimeSpan.FromHours(1) }));
        Assert.Empty(Settings(new BitmapPoolOptions { PurgeDelay = Timeout.InfiniteTimeSpan }));
        Assert.Equal(TimeSpan.FromSeconds(1), new BitmapPoolOptions().PurgeDelay);
    }

    [Fact]
    public void ARelativeRule_UsesTheOtherSettingOnlyWhileItIsValid()
    {
        // 2 MiB blocks are too large; the 1 MiB superblock is not reported for being smaller than them.
        Assert.Equal(["BlockSize"], Settings(new SmallBlockPoolOptions { BlockSize = 2 << 20 }));

        // With a valid BlockSize the relation holds: a 32 KiB superblock cannot hold one 64 KiB block.
        Assert.Equal(["SuperBlockSize"], Settings(new SmallBlockPoolOptions { SuperBlockSize = 32 * 1024 }));

        // A bad MaxFreeListEntries leaves RetainedFreeListEntries checked against the limit alone.
        Assert.Equal(
            ["MaxFreeListEntries"],
            Settings(new BitmapPoolOptions { MaxFreeListEntries = 0, RetainedFreeListEntries = 10 }));
        Assert.Equal(
            ["RetainedFreeListEntries"],
            Settings(new BitmapPoolOptions { MaxFreeListEntries = 8, RetainedFreeListEntries = 10 }));
    }

    [Fact]
    public void ArrayPoolOptions_ReportTheirOwnAndTheSharedSettings()
    {
        var options = new FreeListArrayPoolOptions { MaxArrayLength = 0, MaxWastagePercent = 101, ThreadCacheSize = 17, MaxReservedBytes = -1 };

        Assert.Equal(
            [
                "MaxArrayLength must be between 1 and 1073741824; it was 0.",
                "MaxWastagePercent must be between 0 and 100; it was 101.",
                "ThreadCacheSize must be between 0 and 16; it was 17.",
                "MaxReservedBytes must be at least 0; it was -1.",
            ],
            options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage));
        Assert.Equal("MaxArrayLength", Assert.Throws<ArgumentOutOfRangeException>(() => new FreeListArrayPool<byte>(options)).ParamName);
    }

    private static IEnumerable<string> Settings(IValidatableObject options) =>
        options.Validate(new ValidationContext(options)).Select(r => Assert.Single(r.MemberNames));
}
