using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

public sealed class DiagnosticsEndpointTests
{
    private static readonly string[] PoolProperties =
        ["kind", "name", .. BufferPoolStatisticsFields.All.Select(f => f.Key)];

    [Fact]
    public async Task StatisticsEndpoint_ListsEachPoolOnce_WithWhoRentsFromTheMemoryPool()
    {
        await using SampleServer server = await SampleServer.StartAsync("bitmap");
        await server.Client.GetStringAsync("/hello");
        using JsonDocument doc = JsonDocument.Parse(await server.Client.GetStringAsync("/_bufferpool"));

        JsonElement[] pools = [.. doc.RootElement.GetProperty("pools").EnumerateArray()];
        Assert.All(pools, p => Assert.All(PoolProperties, name => Assert.True(p.TryGetProperty(name, out _), $"missing {name}")));

        // The app's own pools, each once: the memory pool, and MVC's two array pools.
        Assert.Equal(["bitmap", "free-list<byte>", "free-list<char>"], pools.Select(p => p.GetProperty("name").GetString()).Order());
        JsonElement bitmap = pools.Single(p => p.GetProperty("kind").GetString() == "bitmap");
        Assert.True(bitmap.GetProperty("reservedBytes").GetInt64() >= 64 * 4096);

        // Who rents from the memory pool, as a breakdown of its rents: Kestrel's transport's are Kestrel's, and no entry
        // reads as returns without rents, since the owners add up to the pool.
        JsonElement[] owners = [.. bitmap.GetProperty("owners").EnumerateArray()];
        Assert.Equal(["app", "kestrel"], owners.Select(o => o.GetProperty("owner").GetString()).Order());
        Assert.True(owners.Single(o => o.GetProperty("owner").GetString() == "kestrel").GetProperty("rentCount").GetInt64() > 0, "Kestrel's rents are counted for it");
        Assert.Equal(bitmap.GetProperty("rentCount").GetInt64(), owners.Sum(o => o.GetProperty("rentCount").GetInt64()));
        Assert.Equal(bitmap.GetProperty("rentedBytes").GetInt64(), owners.Sum(o => o.GetProperty("rentedBytes").GetInt64()));
        Assert.All(pools.Where(p => p.TryGetProperty("elementType", out _)), p => Assert.False(p.TryGetProperty("owners", out _)));

        // The totals have the same names as each pool's figures, and add up over the app's pools.
        JsonElement totals = doc.RootElement.GetProperty("totals");
        Assert.All(BufferPoolStatisticsFields.All, f => Assert.True(totals.TryGetProperty(f.Key, out _), $"totals lack {f.Key}"));
        Assert.Equal(pools.Sum(p => p.GetProperty("reservedBytes").GetInt64()), totals.GetProperty("reservedBytes").GetInt64());
    }

    [Fact]
    public async Task StatisticsEndpoint_WithKindDefault_ListsNoPool()
    {
        await using SampleServer server = await SampleServer.StartAsync("default");
        using JsonDocument doc = JsonDocument.Parse(await server.Client.GetStringAsync("/_bufferpool"));

        Assert.Empty(doc.RootElement.GetProperty("pools").EnumerateArray());
        Assert.Equal(0, doc.RootElement.GetProperty("totals").GetProperty("reservedBytes").GetInt64());
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
