using System.Globalization;
using System.Text;

namespace BufferPool.LoadTests;

/// <summary>results.csv, report.md and the SVG charts.</summary>
internal static class Report
{
    private static readonly string[] Colors = ["#888888", "#1f77b4", "#ff7f0e", "#2ca02c"];

    public static void Write(string directory, RunnerOptions options, List<ResultRow> rows, List<BurstSample> burst)
    {
        var csv = new StringBuilder("pool,scenario,rps,p50_ms,p99_ms,max_ms,errors,integrity_failures,peak_working_set_mb,idle_working_set_mb,gen0,gen1,gen2,allocated_mb,pool_reserved_mb\n");
        foreach (ResultRow r in rows)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Pool},{r.Scenario},{r.Rps:F1},{r.P50Ms:F3},{r.P99Ms:F3},{r.MaxMs:F3},{r.Errors},{r.IntegrityFailures},{r.PeakWorkingSetMb:F1},{r.IdleWorkingSetMb:F1},{r.Gen0},{r.Gen1},{r.Gen2},{r.AllocatedMb:F1},{r.PoolReservedMb:F1}"));
        }

        File.WriteAllText(Path.Combine(directory, "results.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(directory, "burst.csv"), "pool,seconds,working_set_mb,pool_reserved_mb,under_load\n" + string.Concat(burst.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Pool},{b.Seconds:F2},{b.WorkingSetMb:F1},{b.PoolReservedMb:F1},{b.UnderLoad}\n"))));
        File.WriteAllText(Path.Combine(directory, "rps.svg"), Bars(rows, r => r.Rps, "Requests per second (higher is better)"));
        File.WriteAllText(Path.Combine(directory, "p99.svg"), Bars(rows, r => r.P99Ms, "p99 latency, ms (lower is better)"));
        File.WriteAllText(Path.Combine(directory, "burst.svg"), Lines(burst));
        File.WriteAllText(Path.Combine(directory, "report.md"), $"""
            # BufferPool load test

            {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {(options.Quick ? "quick mode" : "full run")}: {options.Duration.TotalSeconds:F0} s per scenario and tool, {options.Connections} connections (burst: {options.Connections * 4}), idle after burst {options.Idle.TotalSeconds:F0} s. Server pinned to core 0, wrk and autocannon to core 1.

            {MarkdownTable(rows)}

            {BurstSummary(burst)}

            ![rps](rps.svg) ![p99](p99.svg) ![burst](burst.svg)
            """);
    }

    public static string MarkdownTable(List<ResultRow> rows)
    {
        var sb = new StringBuilder("| scenario | pool | rps | vs default | p50 ms | p99 ms | vs default | max ms | errors | integrity | peak WS MB | idle WS MB | gen0 | gen1 | gen2 | alloc MB | pool reserved MB |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (ResultRow r in rows.OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.Pool, StringComparer.Ordinal))
        {
            ResultRow? baseline = rows.FirstOrDefault(b => b.Scenario == r.Scenario && b.Pool == "default");
            string Ratio(double value, double? reference) => reference is > 0 ? (value / reference.Value).ToString("F2", CultureInfo.InvariantCulture) : "";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Pool} | {r.Rps:F0} | {Ratio(r.Rps, baseline?.Rps)} | {r.P50Ms:F2} | {r.P99Ms:F2} | {Ratio(r.P99Ms, baseline?.P99Ms)} | {r.MaxMs:F1} | {r.Errors} | {r.IntegrityFailures} | {r.PeakWorkingSetMb:F0} | {r.IdleWorkingSetMb:F0} | {r.Gen0} | {r.Gen1} | {r.Gen2} | {r.AllocatedMb:F0} | {r.PoolReservedMb:F1} |"));
        }

        return sb.ToString();
    }

    private static string BurstSummary(List<BurstSample> burst)
    {
        var sb = new StringBuilder("Burst: pool-reserved bytes after the idle period, as a share of their peak.\n\n| pool | peak reserved MB | reserved MB at end | share | peak WS MB | WS MB at end |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var group in burst.GroupBy(b => b.Pool))
        {
            double peak = group.Max(b => b.PoolReservedMb);
            BurstSample last = group.Last();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {peak:F1} | {last.PoolReservedMb:F1} | {(peak > 0 ? last.PoolReservedMb / peak : 0):P0} | {group.Max(b => b.WorkingSetMb):F0} | {last.WorkingSetMb:F0} |"));
        }

        return sb.ToString();
    }

    private static string Bars(List<ResultRow> rows, Func<ResultRow, double> value, string title)
    {
        string[] scenarios = [.. rows.Select(r => r.Scenario).Distinct()];
        string[] pools = [.. rows.Select(r => r.Pool).Distinct()];
        const int Width = 900, Height = 360, Left = 60, Bottom = 300;
        double max = Math.Max(1e-9, rows.Max(value));
        double group = (Width - Left - 20) / (double)Math.Max(1, scenarios.Length);
        double bar = group * 0.8 / Math.Max(1, pools.Length);
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\"><text x=\"{Left}\" y=\"16\" font-size=\"14\">{title}</text><line x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Width - 10}\" y2=\"{Bottom}\" stroke=\"black\"/>"));
        for (int s = 0; s < scenarios.Length; s++)
        {
            for (int p = 0; p < pools.Length; p++)
            {
                ResultRow? r = rows.FirstOrDefault(x => x.Scenario == scenarios[s] && x.Pool == pools[p]);
                if (r is null)
                {
                    continue;
                }

                double h = value(r) / max * (Bottom - 40);
                double x = Left + s * group + p * bar;
                svg.Append(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{Bottom - h:F1}\" width=\"{bar - 2:F1}\" height=\"{h:F1}\" fill=\"{Colors[p % Colors.Length]}\"><title>{pools[p]} {scenarios[s]}: {value(r):F2}</title></rect>"));
            }

            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Left + s * group + group * 0.4:F1}\" y=\"{Bottom + 15}\" text-anchor=\"middle\">{scenarios[s]}</text>"));
        }

        for (int p = 0; p < pools.Length; p++)
        {
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{Left + p * 120}\" y=\"{Height - 25}\" width=\"12\" height=\"12\" fill=\"{Colors[p % Colors.Length]}\"/><text x=\"{Left + p * 120 + 16}\" y=\"{Height - 15}\">{pools[p]}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Lines(List<BurstSample> burst)
    {
        const int Width = 900, Height = 360, Left = 60, Bottom = 300;
        double maxT = Math.Max(1, burst.Count == 0 ? 1 : burst.Max(b => b.Seconds));
        double maxY = Math.Max(1, burst.Count == 0 ? 1 : burst.Max(b => Math.Max(b.WorkingSetMb, b.PoolReservedMb)));
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\"><text x=\"{Left}\" y=\"16\" font-size=\"14\">Burst: working set (solid) and pool-reserved MB (dashed) over time, max {maxY:F0} MB over {maxT:F0} s</text><line x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Width - 10}\" y2=\"{Bottom}\" stroke=\"black\"/>"));
        int index = 0;
        foreach (var group in burst.GroupBy(b => b.Pool))
        {
            string color = Colors[index++ % Colors.Length];
            string Points(Func<BurstSample, double> y) => string.Join(' ', group.Select(b => string.Create(CultureInfo.InvariantCulture, $"{Left + b.Seconds / maxT * (Width - Left - 20):F1},{Bottom - y(b) / maxY * (Bottom - 40):F1}")));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" points=\"{Points(b => b.WorkingSetMb)}\"/>");
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-dasharray=\"4 3\" points=\"{Points(b => b.PoolReservedMb)}\"/>");
            svg.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Left + (index - 1) * 120 + 16}\" y=\"{Height - 15}\" fill=\"{color}\">{group.Key}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }
}
