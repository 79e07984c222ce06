using System.Text.Json;

namespace BufferPool.LoadTests;

/// <summary>
/// Latency at a fixed request rate through autocannon, corrected for coordinated omission, in microseconds
/// (loadtests/autocannon-latency.js: autocannon's own report rounds every latency down to whole milliseconds, which is
/// why earlier reports showed p50 as 0.00 ms).
/// </summary>
internal static class Autocannon
{
    public static async Task<LoadResult> RunAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, int rate, string workDir, CancellationToken token)
    {
        string options = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["url"] = new Uri(server, scenario.Path).ToString(),
            ["connections"] = connections,
            ["duration"] = (int)duration.TotalSeconds,
            ["rate"] = rate,
            ["method"] = scenario.Method,
            ["pipelining"] = scenario.Depth,
            ["bodyFile"] = scenario.BodyBytes > 0 ? Path.Combine(workDir, $"{scenario.Name}.body") : null,
        });
        string output = await Pinned.RunToolAsync("node", [ToolPaths.AutocannonLatencyScript, options], token);
        string json = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException("autocannon printed no result:\n" + output);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        return new LoadResult(
            r.GetProperty("requests").GetDouble() / duration.TotalSeconds,
            r.GetProperty("p50_us").GetDouble() / 1000,
            r.GetProperty("p99_us").GetDouble() / 1000,
            r.GetProperty("max_us").GetDouble() / 1000,
            r.GetProperty("errors").GetInt64() + r.GetProperty("timeouts").GetInt64() + r.GetProperty("non2xx").GetInt64(),
            0,
            r.GetProperty("requests").GetInt64());
    }
}
