using System.Globalization;

namespace BufferPool.LoadTests;

/// <summary>The one-line console records of a warm-up and of a trial.</summary>
internal static class Lines
{
    public static string Warmup(WarmupResult w) => string.Create(CultureInfo.InvariantCulture,
        $"warm-up {w.Pool,-11} {w.LoadSeconds,5:F0} s, {w.Passes} pass(es), {w.JitMethods} methods compiled, {w.LastPassJitMethods} in the last pass: {(w.JitQuiet ? "JIT quiet" : "JIT NOT quiet (limit reached)")}");

    public static string Trial(Trial t) => string.Create(CultureInfo.InvariantCulture,
        $"round {t.Round} {t.Scenario,-15} {t.Pool,-11} {t.Rps,9:F0} rps  p99 {t.P99Ms,7:F2} ms  {t.CpuMicrosecondsPerRequest,7:F1} us/req  cpu {t.Saturation,4:P0}{(t.Unsaturated ? " (unsaturated)" : "")}  gen0 {t.Gen0}  alloc {t.AllocatedKbPerRequest:F1} KB/req  jit +{t.JitMethods}  errors {t.Errors}  integrity {t.IntegrityFailures}{(t.IntegrityFailures > 0 ? $" ({t.Check})" : "")}");
}
