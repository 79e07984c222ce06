using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;

namespace BufferPool.LoadTests;

/// <summary>
/// The report's charts (ScottPlot), each as PNG and SVG: ratio (each pool's throughput relative to default, per
/// scenario: the one to read first), rps and p99 (log scale), burst (the server's RSS beside the pools' reserved and
/// committed bytes, against time around the burst's end).
/// </summary>
internal static class Charts
{
    private const int Width = 1200, Height = 560;

    private static readonly Dictionary<string, Color> PoolColors = new()
    {
        ["default"] = Color.FromHex("#7f7f7f"),
        ["small-block"] = Color.FromHex("#1f77b4"),
        ["bitmap"] = Color.FromHex("#ff7f0e"),
    };

    public static void Write(string directory, RunReport report)
    {
        string note = report.Options.TooShortToCompare ? " — too short to compare: do not compare" : "";
        string[] scenarios = [.. report.Summary.Select(r => r.Scenario).Distinct()];
        Save(Ratio(report, scenarios, note), directory, "ratio");
        Save(LogBars(report, scenarios, r => r.Rps, "Requests per second (median over rounds; higher is better)" + note, "requests per second (log scale)", "F0"), directory, "rps");
        Save(LogBars(report, scenarios, r => r.P99Ms, "p99 latency (median over rounds; lower is better)" + note, "p99 latency, ms (log scale)", "F2"), directory, "p99");
        Save(Burst(report.Burst), directory, "burst");
    }

    private static Plot Ratio(RunReport report, string[] scenarios, string note)
    {
        var plot = new Plot();
        string[] pools = [.. report.Options.Pools.Where(p => p != SummaryRow.Baseline)];
        double slot = 0.8 / Math.Max(1, pools.Length);
        var bars = new List<Bar>();
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var above = new List<double>();
        for (int s = 0; s < scenarios.Length; s++)
        {
            for (int p = 0; p < pools.Length; p++)
            {
                SummaryRow? row = report.Summary.FirstOrDefault(r => r.Scenario == scenarios[s] && r.Pool == pools[p]);
                if (row?.Ratio is not { } ratio)
                {
                    continue;
                }

                double x = s + (p - (pools.Length - 1) / 2.0) * slot;
                bars.Add(new Bar { Position = x, Value = ratio, ValueBase = 1, Size = slot * 0.9, FillColor = PoolColors.GetValueOrDefault(pools[p], Colors.Gray), Label = ratio.ToString("F2", CultureInfo.InvariantCulture) });
                xs.Add(x);
                ys.Add(ratio);
                below.Add(ratio - (row.RatioMin ?? ratio));
                above.Add((row.RatioMax ?? ratio) - ratio);
            }
        }

        plot.Add.Bars(bars);
        ErrorBar errors = plot.Add.ErrorBar(xs, ys, below);
        errors.YErrorNegative = below;
        errors.YErrorPositive = above;
        errors.Color = Colors.Black;
        plot.Add.HorizontalLine(1, 1.5f, Colors.Black, LinePattern.Dashed);
        ScenarioAxis(plot, scenarios);
        Legend(plot, pools);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "dashed line: 1.0 = same as default", LineColor = Colors.Black, LinePattern = LinePattern.Dashed, LineWidth = 1.5f });
        plot.Title("Throughput relative to default (Kestrel's pool)" + note, 14);
        plot.XLabel("scenario  (bar: ratio of the medians; whisker: lowest to highest per-round ratio)");
        plot.YLabel("rps ÷ default's rps");
        return plot;
    }

    private static Plot LogBars(RunReport report, string[] scenarios, Func<SummaryRow, double> value, string title, string axis, string labelFormat)
    {
        var plot = new Plot();
        string[] pools = report.Options.Pools;
        double slot = 0.8 / Math.Max(1, pools.Length);
        double[] values = [.. report.Summary.Select(value).Where(v => v > 0)];
        double floor = values.Length == 0 ? 0 : Math.Floor(Math.Log10(values.Min()));
        double ceiling = values.Length == 0 ? 1 : Math.Ceiling(Math.Log10(values.Max()));
        var bars = new List<Bar>();
        for (int s = 0; s < scenarios.Length; s++)
        {
            for (int p = 0; p < pools.Length; p++)
            {
                SummaryRow? row = report.Summary.FirstOrDefault(r => r.Scenario == scenarios[s] && r.Pool == pools[p]);
                if (row is null || value(row) <= 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = s + (p - (pools.Length - 1) / 2.0) * slot,
                    Value = Math.Log10(value(row)),
                    ValueBase = floor,
                    Size = slot * 0.9,
                    FillColor = PoolColors.GetValueOrDefault(pools[p], Colors.Gray),
                    Label = value(row).ToString(labelFormat, CultureInfo.InvariantCulture),
                });
            }
        }

        BarPlot barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 9;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (double decade = floor; decade <= ceiling; decade++)
        {
            ticks.AddMajor(decade, Math.Pow(10, decade).ToString(decade < 0 ? "0.###" : "N0", CultureInfo.InvariantCulture));
            for (int k = 2; k < 10 && decade < ceiling; k++)
            {
                ticks.AddMinor(decade + Math.Log10(k));
            }
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(floor, ceiling + 0.15);
        ScenarioAxis(plot, scenarios);
        Legend(plot, pools);
        plot.Title(title, 14);
        plot.YLabel(axis);
        return plot;
    }

    private static Plot Burst(IReadOnlyList<BurstSample> burst)
    {
        var plot = new Plot();
        int round = burst.Count == 0 ? 0 : burst.Max(b => b.Round);
        var stops = new List<double>();
        foreach (var pool in burst.Where(b => b.Round == round).GroupBy(b => b.Pool))
        {
            Color color = PoolColors.GetValueOrDefault(pool.Key, Colors.Gray);
            double[] xs = [.. pool.Select(b => b.Seconds)];
            BurstSample last = pool.Last();
            Scatter rss = plot.Add.Scatter(xs, pool.Select(b => b.RssMb).ToArray(), color);
            rss.LegendText = string.Create(CultureInfo.InvariantCulture, $"{pool.Key}: RSS (peak {pool.Max(b => b.RssMb):F0}, end {last.RssMb:F0} MB)");
            rss.MarkerSize = 0;
            rss.LineWidth = 2;

            // Kestrel's own pool does not report what it holds: no pool lines for it (not measured, not 0).
            if (pool.All(b => b.PoolReservedMb is not null && b.PoolCommittedMb is not null))
            {
                Scatter reserved = plot.Add.Scatter(xs, pool.Select(b => b.PoolReservedMb!.Value).ToArray(), color);
                reserved.LegendText = string.Create(CultureInfo.InvariantCulture, $"{pool.Key}: pool reserved (peak {pool.Max(b => b.PoolReservedMb):F1}, end {last.PoolReservedMb:F1} MB)");
                reserved.MarkerSize = 0;
                reserved.LineWidth = 2;
                reserved.LinePattern = LinePattern.Dashed;

                Scatter committed = plot.Add.Scatter(xs, pool.Select(b => b.PoolCommittedMb!.Value).ToArray(), color);
                committed.LegendText = string.Create(CultureInfo.InvariantCulture, $"{pool.Key}: pool committed (peak {pool.Max(b => b.PoolCommittedMb):F1}, end {last.PoolCommittedMb:F1} MB)");
                committed.MarkerSize = 0;
                committed.LineWidth = 1.5f;
                committed.LinePattern = LinePattern.Dotted;
            }

            if (pool.FirstOrDefault(b => !b.UnderLoad) is { } stop)
            {
                stops.Add(stop.Seconds);
            }
        }

        if (stops.Count > 0)
        {
            VerticalLine line = plot.Add.VerticalLine(Stats.Median(stops), 1.5f, Colors.Black, LinePattern.Dotted);
            line.LegendText = "load stops (end of the fixed-rate run)";
        }

        plot.ShowLegend(Edge.Bottom);
        plot.Title($"Burst (round {round}): server memory while the load runs and after it stops", 14);
        plot.XLabel("seconds since the burst began");
        plot.YLabel("MB");
        plot.Axes.SetLimitsY(0, Math.Max(1, burst.Count == 0 ? 1 : burst.Max(b => b.RssMb)) * 1.1);
        plot.Axes.SetLimitsX(0, Math.Max(1, burst.Count == 0 ? 1 : burst.Where(b => b.Round == round).Max(b => b.Seconds)) * 1.02);
        return plot;
    }

    private static void ScenarioAxis(Plot plot, string[] scenarios)
    {
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, scenarios.Length).Select(i => (double)i)], scenarios);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.SetLimitsX(-0.6, scenarios.Length - 0.4);
        plot.XLabel("scenario");
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
    }

    private static void Legend(Plot plot, IEnumerable<string> pools)
    {
        foreach (string pool in pools)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = pool, FillColor = PoolColors.GetValueOrDefault(pool, Colors.Gray) });
        }

        plot.ShowLegend(Edge.Bottom);
    }

    private static void Save(Plot plot, string directory, string name)
    {
        plot.SavePng(Path.Combine(directory, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(directory, name + ".svg"), Width, Height);
    }
}
