using System.Diagnostics;

namespace BufferPool.LoadTests;

/// <summary>How one server's warm-up went.</summary>
internal sealed record WarmupResult(string Pool, double LoadSeconds, int Passes, long JitMethods, long LastPassJitMethods, bool JitQuiet);

/// <summary>
/// Warms a server up before its first measured trial: passes of one second of every selected scenario but the burst
/// (the same request as download-256k, at more connections), each with its own throughput tool, until the JIT has gone quiet, that is, two passes in a row each compiled at most
/// <see cref="QuietMethods"/> methods or <see cref="QuietShare"/> of those compiled so far, and at least
/// <see cref="RunnerOptions.Warmup"/> of load has run; or until <see cref="RunnerOptions.WarmupLimit"/>. Tiered
/// compilation keeps promoting methods for tens of seconds under load (a few hundred a pass at first, then tens), so
/// one pass without growth is not enough: the tier-1 queue can be waiting on its call-counting delay.
/// </summary>
internal static class Warmup
{
    public const int QuietMethods = 20;
    public const double QuietShare = 0.005;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    public static async Task<WarmupResult> RunAsync(SampleServer server, RunnerOptions options, string work, Action<string> progress, CancellationToken token)
    {
        Scenario[] scenarios = options.Scenarios.Any(s => !s.IsBurst) ? [.. options.Scenarios.Where(s => !s.IsBurst)] : options.Scenarios;
        var load = Stopwatch.StartNew();
        long methods = (await server.RuntimeAsync(token)).JitMethods;
        int passes = 0, quietPasses = 0;
        long growth = 0;
        while (true)
        {
            foreach (Scenario scenario in scenarios)
            {
                progress($"warm-up {server.Pool}: pass {passes + 1}, {scenario.Name}, {methods} methods compiled");
                LoadResult result = await TrialRunner.ThroughputAsync(server, scenario, options.Connections, Slice, work, token);
                if (result.Errors + result.IntegrityFailures > 0)
                {
                    throw new InvalidOperationException($"warm-up of {server.Pool}, {scenario.Name}: {result.Errors} errors ({result.ErrorDetail}), {result.IntegrityFailures} integrity failures ({result.Check})");
                }
            }

            passes++;
            long now = (await server.RuntimeAsync(token)).JitMethods;
            growth = now - methods;
            methods = now;
            quietPasses = growth <= Math.Max(QuietMethods, QuietShare * now) ? quietPasses + 1 : 0;
            bool quiet = quietPasses >= 2;
            if ((quiet && load.Elapsed >= options.Warmup) || load.Elapsed >= options.WarmupLimit)
            {
                return new WarmupResult(server.Pool, load.Elapsed.TotalSeconds, passes, methods, growth, quiet);
            }
        }
    }
}
