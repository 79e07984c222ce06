using System.Globalization;
using System.Text;

namespace BufferPool.LoadTests;

/// <summary>results.csv (one row per trial), summary.csv (one per scenario and pool), warmup.csv and burst.csv.</summary>
internal static class ResultFiles
{
    public static void Write(string directory, RunReport report)
    {
        var trials = new StringBuilder("round,position,pool,scenario,rps,requests,p50_ms,p99_ms,max_ms,errors,integrity_failures,server_cpu_s,wall_s,saturation,unsaturated,cpu_us_per_request,gen0,gen1,gen2,allocated_bytes,allocated_kb_per_request,jit_methods,peak_working_set_mb,idle_working_set_mb,pool_reserved_mb\n");
        foreach (Trial t in report.Trials)
        {
            trials.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Round},{t.Position},{t.Pool},{t.Scenario},{t.Rps:F1},{t.Requests},{t.P50Ms:F3},{t.P99Ms:F3},{t.MaxMs:F3},{t.Errors},{t.IntegrityFailures},{t.CpuSeconds:F2},{t.WallSeconds:F3},{t.Saturation:F3},{t.Unsaturated.ToString().ToLowerInvariant()},{t.CpuMicrosecondsPerRequest:F2},{t.Gen0},{t.Gen1},{t.Gen2},{t.AllocatedBytes},{t.AllocatedKbPerRequest:F3},{t.JitMethods},{t.PeakWorkingSetMb:F1},{t.IdleWorkingSetMb:F1},{t.PoolReservedMb:F1}"));
        }

        File.WriteAllText(Path.Combine(directory, "results.csv"), trials.ToString());

        var summary = new StringBuilder("scenario,pool,trials,rps_median,rps_min,rps_max,ratio,ratio_min,ratio_max,within_noise,p50_ms,p99_ms,cpu_us_per_request,saturation,unsaturated_trials,gen0_per_1k,gen1_per_1k,gen2_per_1k,allocated_kb_per_request,jit_methods,peak_working_set_mb,pool_reserved_mb,errors,integrity_failures\n");
        foreach (SummaryRow r in report.Summary)
        {
            summary.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Scenario},{r.Pool},{r.Trials},{r.Rps:F1},{r.RpsMin:F1},{r.RpsMax:F1},{r.Ratio:F4},{r.RatioMin:F4},{r.RatioMax:F4},{r.WithinNoise?.ToString().ToLowerInvariant()},{r.P50Ms:F3},{r.P99Ms:F3},{r.CpuMicrosecondsPerRequest:F2},{r.Saturation:F3},{r.UnsaturatedTrials},{r.Gen0PerThousand:F3},{r.Gen1PerThousand:F3},{r.Gen2PerThousand:F3},{r.AllocatedKbPerRequest:F3},{r.JitMethods},{r.PeakWorkingSetMb:F1},{r.PoolReservedMb:F1},{r.Errors},{r.IntegrityFailures}"));
        }

        File.WriteAllText(Path.Combine(directory, "summary.csv"), summary.ToString());
        File.WriteAllText(Path.Combine(directory, "warmup.csv"), "pool,load_s,passes,jit_methods,last_pass_jit_methods,jit_quiet\n" + string.Concat(report.Warmups.Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.Pool},{w.LoadSeconds:F1},{w.Passes},{w.JitMethods},{w.LastPassJitMethods},{w.JitQuiet.ToString().ToLowerInvariant()}\n"))));
        // The pool columns are empty for default (Kestrel's own pool), which does not report them.
        File.WriteAllText(Path.Combine(directory, "burst.csv"), "round,pool,seconds,rss_mb,pool_reserved_mb,pool_committed_mb,gc_committed_mb,under_load\n" + string.Concat(report.Burst.Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"{b.Round},{b.Pool},{b.Seconds:F2},{b.RssMb:F1},{b.PoolReservedMb:F1},{b.PoolCommittedMb:F1},{b.GcCommittedMb:F1},{b.UnderLoad.ToString().ToLowerInvariant()}\n"))));
    }
}
