using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace BufferPool.LoadTests;

/// <summary>
/// The runner's command line (System.CommandLine): typed values, checked ranges, and unknown options as errors. The
/// action gets either the HTTP runner's options or, with <c>--resp</c>, the RESP runner's.
/// </summary>
internal static class CommandLine
{
    public static RootCommand Create(Func<RunnerOptions, CancellationToken, Task<int>> runHttp, Func<RespOptions, CancellationToken, Task<int>> runResp)
    {
        var quick = new Option<bool>("--quick") { Description = "Smoke test: 1 round, short trials and warm-up (CI). Too short to compare pools." };
        var resp = new Option<bool>("--resp") { Description = "Run samples/RespServer under redis-benchmark instead of the HTTP scenarios." };
        var pools = ListOption("--pools", "Pools to compare, comma-separated", RunnerOptions.AllPools);
        var scenarios = ListOption("--scenarios", "HTTP scenarios, comma-separated", [.. Scenario.All.Select(s => s.Name)]);
        var rounds = PositiveOption("--rounds", "Interleaved rounds: each round runs every pool once per scenario [default: 3, --quick: 1]");
        var duration = SecondsOption("--duration", 1, "Seconds per trial and load tool, e.g. 10s [default: 10s, --quick: 2s]");
        var warmup = SecondsOption("--warmup", 0, "Least warm-up load per server before its first trial, e.g. 30s; warm-up also lasts until the JIT is quiet [default: 30s, --quick: 0s, at most 10s]");
        var connections = PositiveOption("--connections", "Connections per load tool (burst: 4x) [default: 64, --quick: 16]");
        var output = new Option<string?>("--output") { Description = "Output directory [default: loadtests/results/<UTC timestamp>]" };
        var sizes = new Option<string?>("--sizes") { Description = "--resp only: value sizes for redis-benchmark -d, comma-separated [default: 64,4096,65536]" };
        var requests = PositiveOption("--requests", "--resp only: redis-benchmark -n per test [default: 50000, --quick: 2000]");
        var clients = PositiveOption("--clients", "--resp only: redis-benchmark -c [default: 50, --quick: 16]");
        sizes.Validators.Add(result =>
        {
            foreach (string size in (result.GetValueOrDefault<string?>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                {
                    result.AddError($"--sizes: '{size}' is not a positive number of bytes.");
                }
            }
        });

        var root = new RootCommand("""
            Compares BufferPool's pools with Kestrel's own under real load. HTTP (default): samples/WebApi under wrk, h2load
            and autocannon, pools interleaved over rounds, each server warmed up until its JIT is quiet; writes results.csv,
            report.md and charts. --resp: samples/RespServer under redis-benchmark.
            """)
        {
            quick, resp, pools, scenarios, rounds, duration, warmup, connections, output, sizes, requests, clients,
        };
        root.SetAction((parse, token) =>
        {
            bool q = parse.GetValue(quick);
            string dir = parse.GetValue(output) ?? Path.Combine("loadtests", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            string[] poolList = parse.GetValue(pools) is { Length: > 0 } chosen ? chosen : RunnerOptions.AllPools;
            if (parse.GetValue(resp))
            {
                int[] sizeList = parse.GetValue(sizes)?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [64, 4096, 65536];
                return runResp(new RespOptions(q, poolList, sizeList, parse.GetValue(rounds) ?? (q ? 1 : 3), parse.GetValue(requests) ?? (q ? 2000 : 50000), parse.GetValue(clients) ?? (q ? 16 : 50), dir), token);
            }

            string[] names = parse.GetValue(scenarios) is { Length: > 0 } named ? named : [.. Scenario.All.Select(s => s.Name)];
            TimeSpan warm = parse.GetValue(warmup) ?? (q ? TimeSpan.Zero : TimeSpan.FromSeconds(30));
            return runHttp(new RunnerOptions(
                q,
                poolList,
                [.. Scenario.All.Where(s => names.Contains(s.Name))],
                parse.GetValue(rounds) ?? (q ? 1 : 3),
                parse.GetValue(duration) ?? TimeSpan.FromSeconds(q ? 2 : 10),
                warm,
                warm + (q ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(3)),
                parse.GetValue(connections) ?? (q ? 16 : 64),
                TimeSpan.FromSeconds(q ? 3 : 30),
                dir), token);
        });
        return root;
    }

    /// <summary>A comma-separated list whose every item must be one of <paramref name="allowed"/>.</summary>
    private static Option<string[]?> ListOption(string name, string description, string[] allowed) => new(name)
    {
        Description = $"{description}: {string.Join(",", allowed)} [default: all]",
        CustomParser = result =>
        {
            string[] items = [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
            foreach (string bad in items.Where(i => !allowed.Contains(i)))
            {
                result.AddError($"{name}: unknown value '{bad}'; use {string.Join(", ", allowed)}.");
            }

            if (items.Length == 0)
            {
                result.AddError($"{name}: give at least one of {string.Join(", ", allowed)}.");
            }

            return items.Distinct().ToArray();
        },
    };

    /// <summary>A whole number, at least 1.</summary>
    private static Option<int?> PositiveOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1)
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a whole number of at least 1.");
            return null;
        },
    };

    /// <summary>A whole number of seconds, at least <paramref name="minimum"/>, written as <c>15s</c> (or <c>15</c>).</summary>
    private static Option<TimeSpan?> SecondsOption(string name, int minimum, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            string digits = text.EndsWith('s') ? text[..^1] : text;
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds >= minimum)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            result.AddError($"{name}: '{text}' is not a whole number of seconds (at least {minimum}) such as 15s.");
            return null;
        },
    };
}
