using System.Globalization;
using Spectre.Console;

namespace BufferPool.LoadTests;

/// <summary>
/// The HTTP runner: one samples/WebApi server per pool, all up for the whole run, each warmed up until its JIT is
/// quiet; then, per round, every scenario runs once on every pool, in the round's pool order. The server is pinned to
/// core 0 and the load generators to core 1, so the figures compare pools within one run; they are not capacity.
/// </summary>
internal static class HttpRunner
{
    public static async Task<int> RunAsync(RunnerOptions options, CancellationToken token)
    {
        if (ToolPaths.MissingToolsAdvice() is { } advice)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(advice)}[/]");
            return 2;
        }

        string root = Path.GetDirectoryName(ToolPaths.LoadTestsDirectory)!;
        string output = Path.GetFullPath(options.Output, root);
        string work = Path.Combine(output, "work");
        Directory.CreateDirectory(work);
        DateTime started = DateTime.UtcNow;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{(options.Quick ? "Quick run" : "Run")}: pools {string.Join(", ", options.Pools)}; {options.Scenarios.Length} scenarios; {options.Rounds} round(s) of {options.Duration.TotalSeconds:F0} s trials; warm-up at least {options.Warmup.TotalSeconds:F0} s and until the JIT is quiet (at most {options.WarmupLimit.TotalSeconds:F0} s); {options.Connections} connections; output {output}")));

        string sampleDll = await AnsiConsole.Status().StartAsync("Building samples/WebApi (Release) ...", _ => SampleServer.BuildAsync(root, Path.Combine(work, "sample"), token));
        var servers = new List<SampleServer>();
        try
        {
            foreach (string pool in options.Pools)
            {
                servers.Add(await SampleServer.StartAsync(sampleDll, pool, options.TrimPeriod, token));
            }

            var warmups = new List<WarmupResult>();
            var trials = new List<Trial>();
            var burst = new List<BurstSample>();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    ProgressTask warm = progress.AddTask("warm-up", maxValue: servers.Count);
                    foreach (SampleServer server in servers)
                    {
                        WarmupResult result = await Warmup.RunAsync(server, options, work, text => warm.Description = Markup.Escape(text), token);
                        warmups.Add(result);
                        warm.Increment(1);
                        AnsiConsole.MarkupLine(Markup.Escape(Lines.Warmup(result)));
                    }

                    warm.Description = "warm-up";
                    ProgressTask run = progress.AddTask("trials", maxValue: options.Rounds * options.Scenarios.Length * servers.Count);
                    for (int round = 1; round <= options.Rounds; round++)
                    {
                        string[] order = RoundOrder.For(options.Pools, round - 1);
                        foreach (Scenario scenario in options.Scenarios)
                        {
                            for (int position = 0; position < order.Length; position++)
                            {
                                SampleServer server = servers.Single(s => s.Pool == order[position]);
                                run.Description = Markup.Escape($"round {round}/{options.Rounds}: {scenario.Name}, {server.Pool}");
                                (Trial trial, List<BurstSample> timeline) = await TrialRunner.RunAsync(server, scenario, options, work, round, position + 1, token);
                                trials.Add(trial);
                                burst.AddRange(timeline);
                                run.Increment(1);
                                AnsiConsole.MarkupLine(Markup.Escape(Lines.Trial(trial)));
                            }
                        }
                    }

                    run.Description = "trials";
                });

            List<SummaryRow> summary = SummaryRow.From(trials, [.. options.Scenarios.Select(s => s.Name)], options.Pools);
            var report = new RunReport(options, started, DateTime.UtcNow, warmups, trials, summary, burst);
            ResultFiles.Write(output, report);
            Charts.Write(output, report);
            MarkdownReport.Write(output, report);
            AnsiConsole.WriteLine();
            AnsiConsole.Write(ConsoleTable.For(report));
            AnsiConsole.MarkupLine(Markup.Escape($"Report: {Path.Combine(output, "report.md")}"));
            long failed = trials.Sum(t => t.Errors + t.IntegrityFailures);
            if (failed > 0)
            {
                AnsiConsole.MarkupLine($"[red]{failed} errors or integrity failures.[/]");
                return 1;
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 1;
        }
        finally
        {
            foreach (SampleServer server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
