using Spectre.Console;

namespace BufferPool.LoadTests;

/// <summary>The final summary table on the console (Spectre.Console).</summary>
internal static class ConsoleTable
{
    public static Table For(RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(report.Options.TooShortToCompare ? "[yellow]too short to compare: noise exceeds the differences[/]" : "medians over the rounds");
        table.AddColumns("scenario", "pool", "rps", "min–max", "vs default", "range", "noise", "p99 ms", "CPU µs/req", "CPU", "gen0/1/2 per 1k req", "alloc KB/req", "errors", "integrity");
        foreach (int column in new[] { 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13 })
        {
            table.Columns[column].RightAligned();
        }

        foreach (SummaryRow r in report.Summary)
        {
            string Bad(long n) => n > 0 ? $"[red]{n}[/]" : "0";
            table.AddRow(
                Markup.Escape(r.Scenario), Markup.Escape(r.Pool), Format.Num(r.Rps, "F0"), Format.RpsRange(r), Format.Ratio(r), Format.RatioRange(r), Format.Noise(r),
                Format.Num(r.P99Ms, "F2"), Format.Num(r.CpuMicrosecondsPerRequest, "F1"), r.UnsaturatedTrials > 0 ? $"[yellow]{Markup.Escape(Format.Saturation(r))}[/]" : Format.Saturation(r),
                Format.Gc(r), Format.Num(r.AllocatedKbPerRequest, "F1"), Bad(r.Errors), Bad(r.IntegrityFailures));
        }

        return table;
    }
}
