using System.Globalization;
using System.Text;

namespace BufferPool.LoadTests;

/// <summary>report.md: the method, a warning when the run is too short to compare, the summary, the charts.</summary>
internal static class MarkdownReport
{
    public static void Write(string directory, RunReport report)
    {
        RunnerOptions o = report.Options;
        var md = new StringBuilder();
        md.AppendLine("# BufferPool load test").AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Started:yyyy-MM-dd HH:mm}–{report.Finished:HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(o.Quick ? "quick mode" : "full run")}: {o.Rounds} interleaved round(s), {o.Duration.TotalSeconds:F0} s per trial and tool, {o.Connections} connections (burst: {o.Connections * 4}, then {o.Idle.TotalSeconds:F0} s idle). Server pinned to core 0, load generators to core 1."));
        md.AppendLine();
        if (o.TooShortToCompare)
        {
            md.AppendLine($"> **Too short to compare: noise exceeds the differences; do not compare.** {(o.Quick ? "Quick mode" : $"{o.Rounds} round(s)")} is a smoke test of the runner and the pools (errors, integrity). Compare pools only on a full run of {RunnerOptions.RoundsToCompare} or more rounds.");
            md.AppendLine();
        }

        md.AppendLine("""
            Method: one server per pool, all up for the whole run. Each was warmed up before its first trial (table below)
            until its JIT was quiet. Then, per round, every scenario ran once on every pool, the pool order rotating each
            round and reversed in every other cycle of rotations. rps, CPU, GC and allocation figures are from the closed-loop run (wrk,
            or h2load for HTTP/2); p50/p99 from autocannon at a fixed rate of half that throughput, corrected for
            coordinated omission (h2load's own per-request log for HTTP/2, not corrected).

            Columns: **rps** median over the rounds and its **min–max**; **vs default** the ratio of the medians to
            `default` (Kestrel's own pool), **range** the lowest and highest of the per-round ratios (each pool against
            `default` in the same round); **noise**: "within noise" when the pool's min–max overlaps `default`'s, "differs" when not;
            **CPU µs/req** the server's CPU time (utime + stime from /proc) per request; **CPU** the server's CPU seconds
            per wall second during the trial (its core is 100%), ⚠n/m when n of m trials were under 95%, that is when the
            server was not the bottleneck (flagged, not dropped: see the README); **gen0/1/2 per 1k req** collections per
            1,000 requests and **alloc KB/req** bytes allocated per request, in the server.

            """);
        md.AppendLine("![Throughput relative to default](ratio.png)").AppendLine();
        md.AppendLine("| scenario | pool | rps | min–max | vs default | range | noise | p50 ms | p99 ms | CPU µs/req | CPU | gen0/1/2 per 1k req | alloc KB/req | JIT methods in trials | errors | integrity |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (SummaryRow r in report.Summary)
        {
            md.AppendLine($"| {r.Scenario} | {r.Pool} | {Format.Num(r.Rps, "F0")} | {Format.RpsRange(r)} | {Format.Ratio(r)} | {Format.RatioRange(r)} | {Format.Noise(r)} | {Format.Num(r.P50Ms, "F3")} | {Format.Num(r.P99Ms, "F2")} | {Format.Num(r.CpuMicrosecondsPerRequest, "F1")} | {Format.Saturation(r)} | {Format.Gc(r)} | {Format.Num(r.AllocatedKbPerRequest, "F1")} | {r.JitMethods} | {r.Errors} | {r.IntegrityFailures} |");
        }

        md.AppendLine().AppendLine("![Requests per second](rps.png) ![p99 latency](p99.png)").AppendLine();
        md.AppendLine("Warm-up (the same for every server: passes of 1 s of each scenario until two passes in a row compiled at most 20 methods or 0.5% of those so far, and at least the minimum of load):").AppendLine();
        md.AppendLine("| pool | load s | passes | methods compiled | in the last pass | JIT quiet |").AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (WarmupResult w in report.Warmups)
        {
            md.AppendLine($"| {w.Pool} | {Format.Num(w.LoadSeconds, "F0")} | {w.Passes} | {w.JitMethods} | {w.LastPassJitMethods} | {(w.JitQuiet ? "yes" : "**no** (limit reached)")} |");
        }

        if (report.Burst.Count > 0)
        {
            // The burst chart exists only when the burst scenario ran.
            md.AppendLine().AppendLine(BurstSummary(report.Burst, o.TrimPeriod));
            md.AppendLine("![Burst memory timeline](burst.png)").AppendLine();
        }

        md.AppendLine("Every trial is a row of `results.csv`; `summary.csv` has this table's figures; the charts are also in SVG beside their PNGs.");
        File.WriteAllText(Path.Combine(directory, "report.md"), md.ToString());
    }

    /// <summary>The burst's footprint table (<see cref="BurstFootprint"/>); empty when the burst did not run.</summary>
    internal static string BurstSummary(IReadOnlyList<BurstSample> burst, TimeSpan trimPeriod)
    {
        if (burst.Count == 0)
        {
            return "";
        }

        double periods = 2 * trimPeriod.TotalSeconds;
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            Burst: the server's RSS (VmRSS) before the burst, at its peak, {periods:F0} s after the load stopped (two trim periods) and at the end of
            the idle period, with the share of the burst's growth (peak less before) still held; the pools' reserved and committed bytes
            (resident: not given back to the OS); the GC's committed bytes at its last collection. Medians over the rounds. `default`
            (Kestrel's own pool) reports no pool figures: not measured.

            | pool | rounds | RSS MB before | peak | +{periods:F0} s | end | growth held +{periods:F0} s | held at end | pool reserved MB peak → end | pool committed MB peak → +{periods:F0} s → end | committed +{periods:F0} s / peak | GC committed MB at end |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|

            """));
        foreach (BurstFootprint f in BurstFootprint.From(burst, trimPeriod))
        {
            string reserved = f.ReservedPeakMb is { } rp ? string.Create(CultureInfo.InvariantCulture, $"{rp:F1} → {f.ReservedEndMb:F1}") : "not measured";
            string committed = f.CommittedPeakMb is { } cp ? string.Create(CultureInfo.InvariantCulture, $"{cp:F1} → {f.CommittedAfterTwoPeriodsMb:F1} → {f.CommittedEndMb:F1}") : "not measured";
            string share = f.CommittedShareAfterTwoPeriods is { } cs ? cs.ToString("P0", CultureInfo.InvariantCulture) : "not measured";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Pool} | {f.Rounds} | {f.RssBeforeMb:F0} | {f.RssPeakMb:F0} | {f.RssAfterTwoPeriodsMb:F0} | {f.RssEndMb:F0} | {f.HeldAfterTwoPeriods:P0} | {f.HeldAtEnd:P0} | {reserved} | {committed} | {share} | {f.GcCommittedEndMb:F0} |"));
        }

        return sb.ToString();
    }
}
