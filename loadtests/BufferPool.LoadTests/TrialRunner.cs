using System.Diagnostics;

namespace BufferPool.LoadTests;

/// <summary>
/// Runs one trial on a running server: the throughput tool (wrk, or h2load for HTTP/2) with the server's CPU time,
/// GC counts, allocations and JIT count read around it (for a large download, bodies fetched and checked in full
/// before, during and after it, each wrong one an integrity failure of the trial); then, for HTTP/1.1, autocannon at half that throughput for
/// latency; then a short idle (the burst scenario's long one, sampling memory every 250 ms throughout: the server's RSS,
/// the pools' reserved and committed bytes, the GC's committed bytes).
/// </summary>
internal static class TrialRunner
{
    public static async Task<(Trial Trial, List<BurstSample> Timeline)> RunAsync(
        SampleServer server, Scenario scenario, RunnerOptions options, string work, int round, int position, CancellationToken token)
    {
        long peak = server.WorkingSet();
        var timeline = new List<BurstSample>();
        var clock = Stopwatch.StartNew();
        bool underLoad = true;
        using var sampler = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested)
            {
                long ws = server.WorkingSet();
                peak = Math.Max(peak, ws);
                if (scenario.IsBurst)
                {
                    double seconds = clock.Elapsed.TotalSeconds;
                    (long Reserved, long Committed)? pool = await server.PoolFiguresAsync(token);
                    timeline.Add(new BurstSample(round, server.Pool, seconds, ws / 1048576.0, pool?.Reserved / 1048576.0, pool?.Committed / 1048576.0, underLoad,
                        await server.GcCommittedAsync(token) / 1048576.0));
                }

                await Task.Delay(250, CancellationToken.None);
            }
        }, CancellationToken.None);

        int connections = scenario.IsBurst ? options.Connections * 4 : options.Connections;
        Uri url = new(server.Address, scenario.Path);
        CheckResult outOfBand = scenario.ChecksByteTotal ? await DownloadCheck.VerifyAsync(url, scenario.ResponseBytes, OutOfBandFetches, token) : CheckResult.None;
        RuntimeSnapshot before = await server.RuntimeAsync(token);
        double cpuBefore = server.CpuSeconds();
        var wall = Stopwatch.StartNew();

        // One more full-body fetch halfway through, while the pool is under the load.
        Task<CheckResult> halfway = scenario.ChecksByteTotal ? HalfwayAsync() : Task.FromResult(CheckResult.None);
        LoadResult throughput = await ThroughputAsync(server, scenario, connections, options.Duration, work, token);
        wall.Stop();
        double cpu = server.CpuSeconds() - cpuBefore;
        RuntimeSnapshot after = await server.RuntimeAsync(token);
        outOfBand = outOfBand.Add(await halfway);
        if (scenario.ChecksByteTotal)
        {
            outOfBand = outOfBand.Add(await DownloadCheck.VerifyAsync(url, scenario.ResponseBytes, OutOfBandFetches, token));
        }

        LoadResult latency = throughput;
        if (scenario.Tool == ThroughputTool.Wrk)
        {
            int rate = Math.Max(10, (int)(throughput.Rps / 2));
            latency = await Autocannon.RunAsync(server.Address, scenario, Math.Min(connections, 32), options.LatencyDuration, rate, work, token);
        }

        underLoad = false;
        long reservedAtPeak = await server.PoolReservedAsync(token);
        await Task.Delay(scenario.IsBurst ? options.Idle : options.Settle, token);
        await sampler.CancelAsync();
        await sampling;

        var trial = new Trial(
            round, position, server.Pool, scenario.Name, throughput.Rps, throughput.Requests,
            latency.P50Ms, latency.P99Ms, Math.Max(latency.MaxMs, throughput.MaxMs),
            // A trial in which no request completed has nothing to measure: it counts as an error.
            throughput.Errors + (ReferenceEquals(latency, throughput) ? 0 : latency.Errors) + (throughput.Requests == 0 ? 1 : 0), throughput.IntegrityFailures + outOfBand.Failures,
            cpu, wall.Elapsed.TotalSeconds,
            after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.AllocatedBytes - before.AllocatedBytes,
            after.JitMethods - before.JitMethods,
            peak / 1048576.0, server.WorkingSet() / 1048576.0,
            Math.Max(reservedAtPeak, await server.PoolReservedAsync(token)) / 1048576.0,
            scenario.ChecksByteTotal
                ? $"{throughput.Check}; {outOfBand.Fetches} full bodies fetched out of band, {outOfBand.Failures} wrong{(outOfBand.Detail.Length > 0 ? ": " + outOfBand.Detail : "")}"
                : throughput.Check);
        return (trial, timeline);

        async Task<CheckResult> HalfwayAsync()
        {
            await Task.Delay(options.Duration / 2, token);
            return await DownloadCheck.VerifyAsync(url, scenario.ResponseBytes, 1, token);
        }
    }

    /// <summary>
    /// Full-body fetches of a large download (<see cref="Scenario.ChecksByteTotal"/>) with HttpClient just before and
    /// just after the throughput run, outside its CPU and wall-clock figures; one more runs halfway through the load.
    /// </summary>
    public const int OutOfBandFetches = 3;

    /// <summary>The scenario's closed-loop throughput run.</summary>
    public static Task<LoadResult> ThroughputAsync(SampleServer server, Scenario scenario, int connections, TimeSpan duration, string work, CancellationToken token) =>
        scenario.Tool == ThroughputTool.H2Load
            ? H2Load.RunAsync(server.H2Address, scenario, connections, duration, work, token)
            : Wrk.RunAsync(server.Address, scenario, connections, duration, work, token);
}
