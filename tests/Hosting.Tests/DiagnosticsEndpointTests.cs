using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

public sealed class DiagnosticsEndpointTests
{
    private static readonly string[] PoolProperties =
        ["kind", "owner", "superBlocks", "reservedBytes", "inUseBytes", "rents", "returns", "superBlocksAllocated", "superBlocksReleased", "thresholdHits", "fallbacks"];

    [Fact]
    public async Task StatisticsEndpoint_ListsEveryPoolWithItsFigures()
    {
        await using SampleServer server = await SampleServer.StartAsync("bitmap");
        await server.Client.GetStringAsync("/hello");
        using JsonDocument doc = JsonDocument.Parse(await server.Client.GetStringAsync("/_bufferpool"));

        JsonElement[] pools = [.. doc.RootElement.GetProperty("pools").EnumerateArray()];
        Assert.All(pools, p => Assert.All(PoolProperties, name => Assert.True(p.TryGetProperty(name, out _), $"missing {name}")));
        // The registry is process-wide: other tests' servers may be listed too, some of them being disposed right now.
        static bool IsOurs(JsonElement p) =>
            p.GetProperty("kind").GetString() == "bitmap" && p.GetProperty("owner").GetString() == "app" &&
            p.GetProperty("rents").GetInt64() > 0 && p.GetProperty("reservedBytes").GetInt64() >= 64 * 4096;
        Assert.Contains(pools, IsOurs);
        JsonElement bitmap = pools.First(IsOurs);
        Assert.Contains(pools, p => p.GetProperty("kind").GetString() == "free-list");

        JsonElement totals = doc.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("rentCount").GetInt64() >= bitmap.GetProperty("rents").GetInt64());
    }

    [Fact]
    public async Task HealthCheck_ReportsPressure_AndRecovers()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block", new Dictionary<string, string?>
        {
            ["BufferPool:MaxReservedBytes"] = (4 << 20).ToString(),
            ["BufferPool:RetainedSuperBlocks"] = "0",
            ["BufferPool:Trimming:Period"] = "00:00:00",
        });
        Assert.Equal("Healthy", await server.Client.GetStringAsync("/healthz"));

        var pool = server.App.Services.GetRequiredService<MemoryPool<byte>>();
        var pooled = server.App.Services.GetRequiredService<AppBufferPools>().Memory;
        var owners = new List<IMemoryOwner<byte>>();

        // Past 90% of the 4 MiB budget, without a fallback yet.
        RunOnThread(() =>
        {
            while (pooled.GetStatistics().ReservedBytes <= 0.9 * (4 << 20))
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

        RunOnThread(() => owners.ForEach(o => o.Dispose()));
        Assert.True(pooled.Trim() > 0);
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
