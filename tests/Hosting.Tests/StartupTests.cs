using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting.Tests;

/// <summary>What an app sees when it starts: misspelled keys caught, only the pool in use validated, one log line.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task UnknownKeys_StopStartup_NamingEveryOne()
    {
        await using WebApplication app = Build(new()
        {
            ["BufferPool:BlokSize"] = "5000",
            ["BufferPool:Arrays:MaxArraySize"] = "10",
            ["BufferPool:Trimming:Perod"] = "00:00:01",
            ["BufferPool:Sockets:Anything"] = "1",
            ["BufferPool:blocksize"] = "65536",
        }, static (services, section) => services.AddSmallBlockPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            [
                "BufferPool:Arrays:MaxArraySize: no setting of SmallBlockArrayPoolOptions has this name. Did you mean MaxArrayLength?",
                "BufferPool:BlokSize: no setting of SmallBlockPoolOptions has this name. Did you mean BlockSize?",
                "BufferPool:Trimming:Perod: no setting of BufferPoolTrimmingOptions has this name. Did you mean Period?",
            ],
            ex.Failures.Order());
    }

    [Fact]
    public async Task ValuesThatDoNotConvert_AreReportedWithTheRangeErrorsAndUnknownKeys_OnePerLine()
    {
        await using WebApplication app = Build(new()
        {
            ["BufferPool:ThreadCacheSize"] = "lots",
            ["BufferPool:LeaseMode"] = "Sometimes",
            ["BufferPool:BlockSize"] = "5000",
            ["BufferPool:Colour"] = "blue",
            ["BufferPool:Arrays:MaxArrayLength"] = "huge",
            ["BufferPool:Trimming:Period"] = "5s",
        }, static (services, section) => services.AddSmallBlockPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        string[] expected =
        [
            "BufferPool:Colour: no setting of SmallBlockPoolOptions has this name. The settings of SmallBlockPoolOptions are SuperBlockSize, BlockSize, RetainedSuperBlocks, ThreadCacheSize, MaxReservedBytes, ExhaustionBehavior, DiagnosticsMode, LeaseMode, TrackingSampleRate, PurgeDelay.",
            "BufferPool:LeaseMode: 'Sometimes' is not one of PerRent, Reused.",
            "BufferPool:ThreadCacheSize: 'lots' is not a whole number.",
            "BufferPool:BlockSize: BlockSize must be a power of two between 4096 and 1048576; it was 5000.",
            "BufferPool:Arrays:MaxArrayLength: 'huge' is not a whole number.",
            "BufferPool:Trimming:Period: '5s' is not a time span such as 00:00:05.",
        ];
        Assert.Equal(expected, ex.Failures);

        // One problem per line, under a line that says how many there are.
        Assert.Equal(["BufferPool's settings have 6 problems:", .. expected.Select(f => "  " + f)], ex.Message.Split(Environment.NewLine));
    }

    [Fact]
    public async Task AMisspelledChoice_StopsStartup_SuggestingTheNearestValue()
    {
        // Misspelled keys and kinds get a suggestion; so does a choice of an enum setting.
        await using WebApplication app = Build(new() { ["BufferPool:LeaseMode"] = "Reuse" }, static (services, section) => services.AddSmallBlockPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(["BufferPool:LeaseMode: 'Reuse' is not one of PerRent, Reused. Did you mean Reused?"], ex.Failures);
    }

    [Fact]
    public async Task AKindThatNamesAnotherPool_StopsStartup_SayingWhichCallToUse()
    {
        await using WebApplication app = Build(new() { ["BufferPool:Kind"] = "bitmap" }, static (services, section) => services.AddSmallBlockPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            "BufferPool:Kind: 'bitmap' names another pool than services.AddSmallBlockPool(section) registers: call AddBufferPool(section) to let Kind choose, or AddBitmapPool(section).",
            Assert.Single(ex.Failures));
    }

    [Fact]
    public async Task AMisspelledKind_StopsStartup_WithTheOtherProblems_AndSuggestsTheKind()
    {
        // Reported at startup with the section's other problems, judged against the nearest kind's settings.
        await using WebApplication app = Build(new() { ["BufferPool:Kind"] = "bitmpa", ["BufferPool:MaxBlocksPerSuperBlok"] = "64" },
            static (services, section) => services.AddBufferPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
        [
            "BufferPool:Kind: 'bitmpa' is not a pool kind (small-block, bitmap or default). Did you mean bitmap?",
            "BufferPool:MaxBlocksPerSuperBlok: no setting of BitmapPoolOptions has this name. Did you mean MaxBlocksPerSuperBlock?",
        ], ex.Failures);
    }

    [Theory]
    [InlineData("blue", "BufferPool:Kind: 'blue' is not a pool kind (small-block, bitmap or default).")]
    [InlineData("defualt", "BufferPool:Kind: 'defualt' is not a pool kind (small-block, bitmap or default). Did you mean default?")]
    public async Task AnUnknownKind_StopsStartup_WhicheverCallReadsTheSection(string kind, string expected)
    {
        await using WebApplication viaKind = Build(new() { ["BufferPool:Kind"] = kind }, static (services, section) => services.AddBufferPool(section));
        Assert.Equal(expected, Assert.Single((await Assert.ThrowsAnyAsync<OptionsValidationException>(() => viaKind.StartAsync())).Failures));

        await using WebApplication viaCall = Build(new() { ["BufferPool:Kind"] = kind }, static (services, section) => services.AddSmallBlockPool(section));
        Assert.Equal(expected, Assert.Single((await Assert.ThrowsAnyAsync<OptionsValidationException>(() => viaCall.StartAsync())).Failures));
    }

    [Fact]
    public async Task KindDefault_WritesOneLineSayingTheFrameworksPoolsServe()
    {
        await using WebApplication app = Build(new() { ["BufferPool:Kind"] = "default" }, static (services, section) => services.AddBufferPool(section));
        await app.StartAsync();

        FakeLogRecord line = Assert.Single(app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), r => r.Category == "BufferPool");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("BufferPool:Kind is default", line.Message);
        Assert.Contains("Kestrel's own pool", line.Message);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KindDefault_BesideAPoolCall_KeepsThePool_AndDoesNotClaimTheFrameworksServe(bool defaultFirst)
    {
        // Kind=default only fills the slots no pool took (TryAdd): with AddSmallBlockPool() before or after it, small-block
        // serves, and the default line, which would say the framework's pools serve, is not written.
        await using WebApplication app = Build(new() { ["BufferPool:Kind"] = "default" }, (services, section) =>
        {
            if (defaultFirst)
            {
                services.AddBufferPool(section);
            }

            services.AddSmallBlockPool();
            if (!defaultFirst)
            {
                services.AddBufferPool(section);
            }
        });
        await app.StartAsync();

        Assert.IsType<SmallBlockMemoryPool>(app.Services.GetRequiredService<System.Buffers.MemoryPool<byte>>());
        IReadOnlyList<FakeLogRecord> records = app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.DoesNotContain(records, r => r.Message.Contains("BufferPool:Kind is default", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("BufferPool: the small-block pool", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public async Task EveryBadValue_AndUnknownKey_StopsStartup_InOneException()
    {
        await using WebApplication app = Build(new()
        {
            ["BufferPool:Colour"] = "blue",
            ["BufferPool:BlockSize"] = "5000",
            ["BufferPool:ThreadCacheSize"] = "99",
            ["BufferPool:Arrays:MaxArrayLength"] = "100",
            ["BufferPool:Arrays:ArraysPerSizeClass"] = "0",
            ["BufferPool:Trimming:Period"] = "00:00:00.001",
        }, static (services, section) => services.AddSmallBlockPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            [
                "BufferPool:Colour: no setting of SmallBlockPoolOptions has this name. The settings of SmallBlockPoolOptions are SuperBlockSize, BlockSize, RetainedSuperBlocks, ThreadCacheSize, MaxReservedBytes, ExhaustionBehavior, DiagnosticsMode, LeaseMode, TrackingSampleRate, PurgeDelay.",
                "BufferPool:BlockSize: BlockSize must be a power of two between 4096 and 1048576; it was 5000.",
                "BufferPool:ThreadCacheSize: ThreadCacheSize must be between 0 and 16; it was 99.",
                "BufferPool:Arrays:MaxArrayLength: MaxArrayLength must be a power of two between 64 and 1073741824; it was 100.",
                "BufferPool:Arrays:ArraysPerSizeClass: ArraysPerSizeClass must be between 1 and 1024; it was 0.",
                "BufferPool:Trimming:Period: Period must be 0 (off) or between 00:00:00.1 and 01:00:00; it was 00:00:00.0010000.",
            ],
            ex.Failures);
    }

    [Fact]
    public async Task CrossFieldRules_AreReportedWithTheRest_ForTheBitmapPool()
    {
        await using WebApplication app = Build(new()
        {
            ["BufferPool:BlockSize"] = "1000",
            ["BufferPool:MaxFreeListEntries"] = "16",
            ["BufferPool:RetainedFreeListEntries"] = "17",
            ["BufferPool:MaxWastagePercent"] = "101",
            ["BufferPool:Arrays:MaxFreeListEntries"] = "0",
        }, static (services, section) => services.AddBitmapPool(section));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            [
                "BufferPool:BlockSize: BlockSize must be a power of two between 64 and 1048576; it was 1000.",
                "BufferPool:MaxWastagePercent: MaxWastagePercent must be between 0 and 100; it was 101.",
                "BufferPool:RetainedFreeListEntries: RetainedFreeListEntries must be between 0 and 16; it was 17.",
                "BufferPool:Arrays:MaxFreeListEntries: MaxFreeListEntries must be between 1 and 4096; it was 0.",
            ],
            ex.Failures);
    }

    [Fact]
    public async Task TheLastAddPoolCall_Wins_AndOnlyItsOptionsAreValidated()
    {
        // 1024-byte blocks are fine for the bitmap pool and out of range for the small-block pool it replaces.
        await using WebApplication app = Build(new() { ["BufferPool:BlockSize"] = "1024" }, static (services, section) =>
        {
            services.AddSmallBlockPool(section);
            services.AddBitmapPool(section);
        });
        await app.StartAsync();

        Assert.IsType<BitmapMemoryPool>(app.Services.GetRequiredService<System.Buffers.MemoryPool<byte>>());
        FakeLogRecord line = Assert.Single(app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), r => r.Id.Id == 2 && r.Category?.EndsWith("BufferPoolStartupLog", StringComparison.Ordinal) == true);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("the bitmap pool (MaxBufferSize 1024 B", line.Message);
        Assert.Contains("replaced kinds: small-block", line.Message);

        // The slots this web app has, each with the leases it hands out: the app's own in its lease mode, Kestrel's
        // transport the pool's reused leases.
        Assert.Contains("serves MemoryPool<byte> and PipeOptions (lease mode PerRent), Kestrel's transport through IMemoryPoolFactory<byte> (reused leases);", line.Message);
        await app.StopAsync();
    }

    private static WebApplication Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> addPool)
    {
        // An empty content root: the test's output folder holds the sample's appsettings.json (a referenced project's
        // content is copied along), whose BufferPool section must not mix with the settings under test.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory("bufferpool-startup-").FullName });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFakeLogging();
        addPool(builder.Services, builder.Configuration.GetSection("BufferPool"));
        return builder.Build();
    }
}
