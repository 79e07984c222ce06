using System.Globalization;
using BufferPool.LoadTests;

// Drives samples/WebApi with real HTTP load (wrk for throughput, autocannon for fixed-rate latency) once per pool kind,
// and writes results.csv, report.md and SVG charts. The machine has 2 cores: the server is pinned to one and the load
// generators to the other, so the figures compare pools within one run; they are not absolute capacity.
// --resp: samples/RespServer under redis-benchmark instead (see RespRunner).
if (args.Contains("--resp"))
{
    return await RespRunner.RunAsync(args);
}

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (Tools.MissingToolsAdvice() is { } advice)
{
    Console.Error.WriteLine(advice);
    return 2;
}

string root = Path.GetDirectoryName(Tools.LoadTestsDirectory)!;
string output = Path.GetFullPath(options.Output, root);
string work = Path.Combine(output, "work");
Directory.CreateDirectory(work);
Console.WriteLine($"Building samples/WebApi (Release) ...");
string sampleDll = await SampleServer.BuildAsync(root, Path.Combine(work, "sample"));

Scenario[] scenarios = [.. Scenario.All.Where(s => options.Scenarios.Contains(s.Name))];
var rows = new List<ResultRow>();
var burst = new List<BurstSample>();
int step = 0, steps = options.Pools.Length * scenarios.Length;
foreach (string pool in options.Pools)
{
    await using SampleServer server = await SampleServer.StartAsync(sampleDll, pool, options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));
    await Tools.RunWrkAsync(server.Address, Scenario.All[0], options.Connections, TimeSpan.FromSeconds(options.Quick ? 1 : 3), work);
    foreach (Scenario scenario in scenarios)
    {
        step++;
        Console.Write($"[{step,2}/{steps}] {pool,-11} {scenario.Name,-13} ");
        var before = await server.RuntimeAsync();
        long peak = server.WorkingSet();
        using var sampler = new CancellationTokenSource();
        var timeline = new List<BurstSample>();
        var started = DateTime.UtcNow;
        bool underLoad = true;
        Task sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested)
            {
                long ws = server.WorkingSet();
                peak = Math.Max(peak, ws);
                if (scenario.IsBurst)
                {
                    timeline.Add(new BurstSample(pool, (DateTime.UtcNow - started).TotalSeconds, ws / 1048576.0, await server.PoolReservedAsync() / 1048576.0, underLoad));
                }

                await Task.Delay(250);
            }
        });

        int connections = scenario.IsBurst ? options.Connections * 4 : options.Connections;
        LoadResult throughput = await Tools.RunWrkAsync(server.Address, scenario, connections, options.Duration, work);
        int rate = Math.Max(10, (int)(throughput.Rps / 2));
        LoadResult latency = await Tools.RunAutocannonAsync(server.Address, scenario, Math.Min(connections, 32), options.Duration, rate, work);
        underLoad = false;
        long reservedAtPeak = await server.PoolReservedAsync();
        await Task.Delay(scenario.IsBurst ? options.Idle : TimeSpan.FromSeconds(options.Quick ? 1 : 3));
        await sampler.CancelAsync();
        await sampling;
        burst.AddRange(timeline);

        var after = await server.RuntimeAsync();
        var row = new ResultRow(
            pool, scenario.Name, throughput.Rps, latency.P50Ms, latency.P99Ms, Math.Max(latency.MaxMs, throughput.MaxMs),
            throughput.Errors + latency.Errors, throughput.IntegrityFailures,
            peak / 1048576.0, server.WorkingSet() / 1048576.0,
            after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, (after.Allocated - before.Allocated) / 1048576.0,
            Math.Max(reservedAtPeak, await server.PoolReservedAsync()) / 1048576.0);
        rows.Add(row);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Rps,10:F0} rps  p99 {row.P99Ms,7:F2} ms  errors {row.Errors}  integrity {row.IntegrityFailures}  gen0 {row.Gen0}  alloc {row.AllocatedMb:F1} MB"));
    }
}

Report.Write(output, options, rows, burst);
Console.WriteLine();
Console.WriteLine(Report.MarkdownTable(rows));
Console.WriteLine($"Report: {Path.Combine(output, "report.md")}");
long failed = rows.Sum(r => r.Errors + r.IntegrityFailures);
if (failed > 0)
{
    Console.Error.WriteLine($"{failed} errors or integrity failures.");
    return 1;
}

return 0;
