using System.Globalization;
using System.Text.RegularExpressions;

namespace BufferPool.LoadTests;

/// <summary>
/// h2load: closed-loop throughput over cleartext HTTP/2 (prior knowledge), <see cref="Scenario.Depth"/> concurrent
/// streams per connection. h2load does not see bodies, so the check is its counts: every request done is in its
/// per-request log with status 200, and the DATA bytes are at least the expected body size times the requests done
/// and at most that times the requests started (streams still open when the time is up count their partial bodies
/// and their 2xx headers in h2load's totals, but are not done). Latency percentiles come from the same log (closed
/// loop, so not corrected for coordinated omission, unlike autocannon's).
/// </summary>
internal static partial class H2Load
{
    public static async Task<LoadResult> RunAsync(Uri server, Scenario scenario, int connections, TimeSpan duration, string workDir, CancellationToken token)
    {
        string log = Path.Combine(workDir, $"{scenario.Name}.h2load.log");
        File.Delete(log);
        string output = await Pinned.RunToolAsync("h2load",
            ["-c", connections.ToString(CultureInfo.InvariantCulture), "-m", scenario.Depth.ToString(CultureInfo.InvariantCulture), "-t", "1",
             "-D", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "--log-file", log, new Uri(server, scenario.Path).ToString()], token);

        Match requests = RequestsLine().Match(output);
        Match finished = FinishedLine().Match(output);
        Match traffic = TrafficLine().Match(output);
        if (!requests.Success || !finished.Success || !traffic.Success)
        {
            throw new InvalidOperationException("h2load printed no result:\n" + output);
        }

        long Group(Match m, string name) => long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        long done = Group(requests, "done"), started = Group(requests, "started");
        long errors = Group(requests, "failed") + Group(requests, "errored") + Group(requests, "timeout");
        long dataBytes = Group(traffic, "data");
        string[][] logged = [.. File.ReadLines(log).Select(line => line.Split('\t')).Where(f => f.Length >= 3)];
        long integrity = Math.Abs(done - logged.Count(f => f[1] == "200"))
            + (dataBytes >= done * scenario.ResponseBytes && dataBytes <= started * scenario.ResponseBytes ? 0 : 1);
        double[] latencyMs = [.. logged.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000).Order()];
        double Percentile(double p) => latencyMs.Length == 0 ? 0 : latencyMs[Math.Min(latencyMs.Length - 1, (int)Math.Ceiling(p / 100 * latencyMs.Length) - 1)];
        return new LoadResult(
            done / double.Parse(finished.Groups["seconds"].Value, CultureInfo.InvariantCulture),
            Percentile(50), Percentile(99), latencyMs.Length == 0 ? 0 : latencyMs[^1],
            errors, integrity, done);
    }

    [GeneratedRegex(@"finished in (?<seconds>[0-9.]+)s")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"requests: (?<total>\d+) total, (?<started>\d+) started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored, (?<timeout>\d+) timeout")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"traffic: .*?, [0-9.]+[KMG]?B \((?<data>\d+)\) data")]
    private static partial Regex TrafficLine();
}
