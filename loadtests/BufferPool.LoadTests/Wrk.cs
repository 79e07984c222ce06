using System.Globalization;
using System.Text.Json;

namespace BufferPool.LoadTests;

/// <summary>wrk: closed-loop throughput over HTTP/1.1, every response checked by the scenario's Lua expression.</summary>
internal static class Wrk
{
    public static async Task<LoadResult> RunAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, string workDir, CancellationToken token)
    {
        (byte[] body, string sha) = scenario.MakeBody();
        string bodyFile = Path.Combine(workDir, $"{scenario.Name}.body");
        await File.WriteAllBytesAsync(bodyFile, body, token);
        string script = Path.Combine(workDir, $"{scenario.Name}.lua");
        await File.WriteAllTextAsync(script, WrkScript.For(scenario, bodyFile, sha), token);

        // wrk's default 2 s timeout counts a pipelined batch still waiting on a cold server (first JIT) as an error.
        int threads = Math.Min(2, connections);
        string output = await Pinned.RunToolAsync("wrk", ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s", "-s", script, new Uri(server, scenario.Path).ToString()], token);
        string json = output.Split('\n').FirstOrDefault(l => l.StartsWith("JSON", StringComparison.Ordinal))?[4..]
            ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        long requests = r.GetProperty("requests").GetInt64();
        long checkedResponses = r.GetProperty("checked").GetInt64();
        return new LoadResult(
            requests / (r.GetProperty("duration_us").GetDouble() / 1e6),
            r.GetProperty("p50_us").GetDouble() / 1000,
            r.GetProperty("p99_us").GetDouble() / 1000,
            r.GetProperty("max_us").GetDouble() / 1000,
            r.GetProperty("errors").GetInt64(),
            r.GetProperty("integrity_failures").GetInt64() + (checkedResponses < requests ? requests - checkedResponses : 0),
            requests,
            $"connect {r.GetProperty("connect")}, read {r.GetProperty("read")}, write {r.GetProperty("write")}, status {r.GetProperty("status")}, timeout {r.GetProperty("timeout")}");
    }
}
