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

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            ["BufferPool:Arrays:MaxArraySize", "BufferPool:BlokSize", "BufferPool:Trimming:Perod"],
            ex.Failures.Select(f => f[..f.IndexOf(": no BufferPool setting", StringComparison.Ordinal)]).Order());
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

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(
            [
                "BufferPool:Colour: no BufferPool setting has this name; check its spelling against the README's options tables.",
                "BufferPool:BlockSize: BlockSize must be a power of two between 4096 and 1048576; it was 5000.",
                "BufferPool:ThreadCacheSize: ThreadCacheSize must be between 0 and 16; it was 99.",
                "BufferPool:Arrays:MaxArrayLength: MaxArrayLength must be a power of two between 64 and 1073741824; it was 100.",
                "BufferPool:Arrays:ArraysPerSizeClass: ArraysPerSizeClass must be between 1 and 1024; it was 0.",
                "BufferPool:Trimming:Period: Trimming:Period must be 0 (off) or between 00:00:00.1 and 01:00:00; it was 00:00:00.0010000.",
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

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
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
        await app.StopAsync();
    }

    private static WebApplication Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> addPool)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFakeLogging();
        addPool(builder.Services, builder.Configuration.GetSection("BufferPool"));
        return builder.Build();
    }
}
