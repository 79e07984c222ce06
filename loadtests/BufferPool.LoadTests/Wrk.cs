using System.Globalization;
using System.Text.Json;

namespace BufferPool.LoadTests;

/// <summary>
/// wrk: closed-loop throughput over HTTP/1.1, every response checked by the scenario's Lua expression; or, for a large
/// download (<see cref="Scenario.ChecksByteTotal"/>), by wrk's byte total against the exact response size, which one
/// raw request measures first (<see cref="DownloadCheck.ProbeAsync"/>, whose body is checked too).
/// </summary>
internal static class Wrk
{
    public static async Task<LoadResult> RunAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, string workDir, CancellationToken token)
    {
        Uri url = new(server, scenario.Path);
        string script = Path.Combine(workDir, $"{scenario.Name}.lua");
        HeaderProbe? probe = null;
        if (scenario.ChecksByteTotal)
        {
            probe = await DownloadCheck.ProbeAsync(url, scenario.ResponseBytes, token);
            await File.WriteAllTextAsync(script, WrkScript.ForByteTotal(scenario, probe.HeaderBytes + scenario.ResponseBytes, connections), token);
        }
        else
        {
            (byte[] body, string sha) = scenario.MakeBody();
            string bodyFile = Path.Combine(workDir, $"{scenario.Name}.body");
            await File.WriteAllBytesAsync(bodyFile, body, token);
            await File.WriteAllTextAsync(script, WrkScript.For(scenario, bodyFile, sha), token);
        }

        // wrk's default 2 s timeout counts a pipelined batch still waiting on a cold server (first JIT) as an error.
        int threads = Math.Min(2, connections);
        string output = await Pinned.RunToolAsync("wrk", ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s", "-s", script, url.ToString()], token);
        return Parse(output, probe);
    }

    /// <summary>The result from wrk's output: the JSON line its script's <c>done()</c> wrote.</summary>
    public static LoadResult Parse(string output, HeaderProbe? probe = null)
    {
        string json = output.Split('\n').FirstOrDefault(l => l.StartsWith("JSON", StringComparison.Ordinal))?[4..]
            ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        long requests = r.GetProperty("requests").GetInt64();
        long checkedResponses = r.GetProperty("checked").GetInt64();
        long failures = r.GetProperty("integrity_failures").GetInt64() + (checkedResponses < requests ? requests - checkedResponses : 0);
        long bytes = r.GetProperty("bytes").GetInt64();
        string check = r.GetProperty("check").GetString() == "bytes"
            ? string.Create(CultureInfo.InvariantCulture,
                $"byte total of {checkedResponses} responses of {r.GetProperty("response_bytes").GetInt64()} B: {bytes} B read, {(failures > 0 ? "outside" : "within")} {r.GetProperty("bytes_low").GetInt64()}-{r.GetProperty("bytes_high").GetInt64()}")
            : string.Create(CultureInfo.InvariantCulture, $"{checkedResponses} of {requests} bodies checked in Lua, {failures} failed");
        if (probe is not null)
        {
            check += string.Create(CultureInfo.InvariantCulture, $"; probe: {probe.HeaderBytes} B of headers, {probe.Failure ?? "body intact"}");
            failures += probe.Failure is null ? 0 : 1;
        }

        return new LoadResult(
            requests / (r.GetProperty("duration_us").GetDouble() / 1e6),
            r.GetProperty("p50_us").GetDouble() / 1000,
            r.GetProperty("p99_us").GetDouble() / 1000,
            r.GetProperty("max_us").GetDouble() / 1000,
            r.GetProperty("errors").GetInt64(),
            failures,
            requests,
            $"connect {r.GetProperty("connect")}, read {r.GetProperty("read")}, write {r.GetProperty("write")}, status {r.GetProperty("status")}, timeout {r.GetProperty("timeout")}",
            check);
    }
}
