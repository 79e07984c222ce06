using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

public sealed class DiagnosticsEndpointTests
{
    private static readonly string[] PoolProperties =
        ["kind", "name", "owner", .. BufferPoolStatisticsFields.All.Select(f => f.Key)];

    [Fact]
    public async Task StatisticsEndpoint_ListsEveryPoolWithItsFigures()
    {
        await using SampleServer server = await SampleServer.StartAsync("bitmap");
        await server.Client.GetStringAsync("/hello");
        using JsonDocument doc = JsonDocument.Parse(await server.Client.GetStringAsync("/_bufferpool"));

        JsonElement[] pools = [.. doc.RootElement.GetProperty("pools").EnumerateArray()];
        Assert.All(pools, p => Assert.All(PoolProperties, name => Assert.True(p.TryGetProperty(name, out _), $"missing {name}")));
        // The app's own pools and nothing else: the memory pool for the app and for Kestrel, and MVC's two array pools.
        Assert.Equal(
            ["bitmap/app", "bitmap/kestrel", "free-list<byte>/app", "free-list<char>/app"],
            pools.Select(p => $"{p.GetProperty("name").GetString()}/{p.GetProperty("owner").GetString()}").Order());
        JsonElement kestrel = pools.Single(p => p.GetProperty("owner").GetString() == "kestrel");
        Assert.True(kestrel.GetProperty("rentCount").GetInt64() > 0, "Kestrel's rents are counted for it");
        JsonElement bitmap = pools.Single(p => p.GetProperty("kind").GetString() == "bitmap" && p.GetProperty("owner").GetString() == "app");
        Assert.True(bitmap.GetProperty("reservedBytes").GetInt64() >= 64 * 4096);

        // The totals have the same names as each pool's figures, and add up over the app's pools.
        JsonElement totals = doc.RootElement.GetProperty("totals");
        Assert.All(BufferPoolStatisticsFields.All, f => Assert.True(totals.TryGetProperty(f.Key, out _), $"totals lack {f.Key}"));
        long reservedSum = pools.Where(p => p.GetProperty("owner").GetString() == "app").Sum(p => p.GetProperty("reservedBytes").GetInt64());
        Assert.Equal(reservedSum, totals.GetProperty("reservedBytes").GetInt64());
    }

    [Fact]
    public async Task HealthCheck_ReportsPressure_AndRecovers()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using SampleServer server = await SampleServer.StartAsync("small-block", new Dictionary<string, string?>
        {
            ["BufferPool:MaxReservedBytes"] = (4 << 20).ToString(),
            ["BufferPool:RetainedSuperBlocks"] = "0",
            ["BufferPool:Trimming:Period"] = "00:00:00",
        }, services => services.AddSingleton<TimeProvider>(clock));
        Assert.Equal("Healthy", await server.Client.GetStringAsync("/healthz"));

        var pool = server.App.Services.GetRequiredService<MemoryPool<byte>>();
        var pooled = server.App.Services.GetRequiredService<AppBufferPools>().Memory;
        var owners = new List<IMemoryOwner<byte>>();

        // Past 90% of the 4 MiB budget in use, without a fallback yet.
        RunOnThread(() =>
        {
            while (pooled.GetStatistics().InUseBytes <= 0.9 * (4 << 20))
            {
                owners.Add(pool.Rent(65536));
            }
        });
        Assert.Equal(0, pooled.GetStatistics().FallbackCount);
        Assert.Equal("Degraded", await server.Client.GetStringAsync("/healthz"));

        // Past the budget: rents fall back to unpooled memory, which the check reports too.
        RunOnThread(() =>
        {
            while (pooled.GetStatistics().FallbackCount == 0)
            {
                owners.Add(pool.Rent(65536));
            }
        });
        Assert.Equal("Degraded", await server.Client.GetStringAsync("/healthz"));

        // With every buffer back, the fallback still counts for its window: every probe in it agrees.
        RunOnThread(() => owners.ForEach(o => o.Dispose()));
        Assert.True(pooled.Trim() > 0);
        Assert.Equal("Degraded", await server.Client.GetStringAsync("/healthz"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("Degraded", await server.Client.GetStringAsync("/healthz"));

        // Once the window has passed with no new fallback, and nothing is in use, the pool is healthy again.
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("Healthy", await server.Client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await server.Client.GetStringAsync("/healthz"));
    }

    // Work on a thread that then ends, so its cached items are flushed by the next trim as a request thread's would be.
    private static void RunOnThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }
}
