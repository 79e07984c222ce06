using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BufferPool.LoadTests;

/// <summary>What one load generator run measured.</summary>
internal sealed record LoadResult(double Rps, double P50Ms, double P99Ms, double MaxMs, long Errors, long IntegrityFailures, long Requests);

/// <summary>wrk (throughput, with a Lua check of every response) and autocannon (fixed-rate latency).</summary>
internal static class Tools
{
    public static string Autocannon => Path.Combine(LoadTestsDirectory, "node_modules", ".bin", "autocannon");

    public static string LoadTestsDirectory { get; } = FindLoadTestsDirectory();

    /// <summary>Null when both tools are there; otherwise what to run to install them.</summary>
    public static string? MissingToolsAdvice()
    {
        var missing = new List<string>();
        if (Which("wrk") is null)
        {
            missing.Add("wrk: sudo apt-get install -y wrk   (Debian; the package named 'bombardier' is a game, not this)");
        }

        if (!File.Exists(Autocannon))
        {
            missing.Add($"autocannon: (cd {LoadTestsDirectory} && npm ci)   (pinned in loadtests/package.json)");
        }

        return missing.Count == 0 ? null : "Missing load generators. Install them with:\n  " + string.Join("\n  ", missing) + "\nor run: bash loadtests/install-tools.sh";
    }

    /// <summary>Pins a command to one core with taskset when there is more than one and taskset exists.</summary>
    public static ProcessStartInfo Pinned(int core, string file, IEnumerable<string> args)
    {
        if (Environment.ProcessorCount > 1 && Which("taskset") is { } taskset)
        {
            return new ProcessStartInfo(taskset, ["-c", core.ToString(CultureInfo.InvariantCulture), file, .. args]);
        }

        return new ProcessStartInfo(file, args);
    }

    public static async Task<LoadResult> RunWrkAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, string workDir)
    {
        (byte[] body, string sha) = scenario.MakeBody();
        string bodyFile = Path.Combine(workDir, $"{scenario.Name}.body");
        await File.WriteAllBytesAsync(bodyFile, body);
        string script = Path.Combine(workDir, $"{scenario.Name}.lua");
        await File.WriteAllTextAsync(script, WrkScript(scenario, bodyFile, sha));

        int threads = Math.Min(2, connections);
        string output = await RunAsync(Pinned(1, "wrk", ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency", "-s", script, new Uri(server, scenario.Path).ToString()]));
        string json = output.Split('\n').FirstOrDefault(l => l.StartsWith("JSON", StringComparison.Ordinal))?[4..]
            ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        double seconds = r.GetProperty("duration_us").GetDouble() / 1e6;
        return new LoadResult(
            r.GetProperty("requests").GetInt64() / seconds,
            r.GetProperty("p50_us").GetDouble() / 1000,
            r.GetProperty("p99_us").GetDouble() / 1000,
            r.GetProperty("max_us").GetDouble() / 1000,
            r.GetProperty("errors").GetInt64(),
            r.GetProperty("integrity_failures").GetInt64(),
            r.GetProperty("requests").GetInt64());
    }

    /// <summary>Latency at a fixed request rate: autocannon corrects for coordinated omission in this mode.</summary>
    public static async Task<LoadResult> RunAutocannonAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, int rate, string workDir)
    {
        var args = new List<string> { "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-R", rate.ToString(CultureInfo.InvariantCulture), "-j", "-m", scenario.Method };
        if (scenario.BodyBytes > 0)
        {
            args.AddRange(["-i", Path.Combine(workDir, $"{scenario.Name}.body"), "-H", "Content-Type=application/octet-stream"]);
        }

        args.Add(new Uri(server, scenario.Path).ToString());
        string output = await RunAsync(Pinned(1, Autocannon, args));
        string json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement r = doc.RootElement;
        JsonElement latency = r.GetProperty("latency");
        return new LoadResult(
            r.GetProperty("requests").GetProperty("average").GetDouble(),
            latency.GetProperty("p50").GetDouble(),
            latency.GetProperty("p99").GetDouble(),
            latency.GetProperty("max").GetDouble(),
            r.GetProperty("errors").GetInt64() + r.GetProperty("timeouts").GetInt64() + r.GetProperty("non2xx").GetInt64(),
            0,
            r.GetProperty("requests").GetProperty("total").GetInt64());
    }

    private static string WrkScript(Scenario s, string bodyFile, string sha) => $$"""
        wrk.method = "{{s.Method}}"
        {{(s.BodyBytes > 0 ? $"local f = io.open(\"{bodyFile}\", \"rb\"); wrk.body = f:read(\"*a\"); f:close()\nwrk.headers[\"Content-Type\"] = \"application/octet-stream\"" : "")}}
        local expected = "{{sha}}"
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) failures = 0; checked = 0 end
        function response(status, headers, body)
          checked = checked + 1
          if status ~= 200 or not ({{s.Check}}) then failures = failures + 1 end
        end
        function done(summary, latency, requests)
          local failed, seen = 0, 0
          for _, t in ipairs(threads) do failed = failed + t:get("failures"); seen = seen + t:get("checked") end
          local e = summary.errors
          io.write(string.format('JSON{"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"integrity_failures":%d,"checked":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max, failed, seen))
        end
        """;

    private static async Task<string> RunAsync(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout + await stderr;
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string FindLoadTestsDirectory()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "loadtests", "package.json")))
            {
                return Path.Combine(dir, "loadtests");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "loadtests");
    }
}
