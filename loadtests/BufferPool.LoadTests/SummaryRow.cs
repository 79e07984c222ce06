namespace BufferPool.LoadTests;

/// <summary>
/// One pool in one scenario over every round: medians, the min-max of throughput, and the ratio to <c>default</c>
/// (ratio of the medians; its range from the per-round ratios, each pool against <c>default</c> in the same round).
/// </summary>
internal sealed record SummaryRow(
    string Scenario,
    string Pool,
    int Trials,
    double Rps,
    double RpsMin,
    double RpsMax,
    double? Ratio,
    double? RatioMin,
    double? RatioMax,
    bool? WithinNoise,
    double P50Ms,
    double P99Ms,
    double CpuMicrosecondsPerRequest,
    double Saturation,
    int UnsaturatedTrials,
    double Gen0PerThousand,
    double Gen1PerThousand,
    double Gen2PerThousand,
    double AllocatedKbPerRequest,
    long JitMethods,
    double PeakWorkingSetMb,
    double PoolReservedMb,
    long Errors,
    long IntegrityFailures)
{
    public const string Baseline = "default";

    public static List<SummaryRow> From(IReadOnlyList<Trial> trials, IReadOnlyList<string> scenarioOrder, IReadOnlyList<string> poolOrder)
    {
        var rows = new List<SummaryRow>();
        foreach (string scenario in scenarioOrder)
        {
            Trial[] baseline = [.. trials.Where(t => t.Scenario == scenario && t.Pool == Baseline)];
            foreach (string pool in poolOrder)
            {
                Trial[] mine = [.. trials.Where(t => t.Scenario == scenario && t.Pool == pool)];
                if (mine.Length == 0)
                {
                    continue;
                }

                double rps = Stats.Median(mine.Select(t => t.Rps));
                double baseRps = Stats.Median(baseline.Select(t => t.Rps));
                double[] roundRatios = [.. mine.Join(baseline, t => t.Round, b => b.Round, (t, b) => b.Rps > 0 ? t.Rps / b.Rps : 0)];
                bool hasBaseline = baseline.Length > 0 && baseRps > 0;
                bool? noise = hasBaseline && pool != Baseline && mine.Length > 1
                    ? mine.Min(t => t.Rps) <= baseline.Max(t => t.Rps) && baseline.Min(t => t.Rps) <= mine.Max(t => t.Rps)
                    : null;
                rows.Add(new SummaryRow(
                    scenario, pool, mine.Length, rps, mine.Min(t => t.Rps), mine.Max(t => t.Rps),
                    hasBaseline ? rps / baseRps : null,
                    hasBaseline && roundRatios.Length > 0 ? roundRatios.Min() : null,
                    hasBaseline && roundRatios.Length > 0 ? roundRatios.Max() : null,
                    noise,
                    Stats.Median(mine.Select(t => t.P50Ms)),
                    Stats.Median(mine.Select(t => t.P99Ms)),
                    Stats.Median(mine.Select(t => t.CpuMicrosecondsPerRequest)),
                    Stats.Median(mine.Select(t => t.Saturation)),
                    mine.Count(t => t.Unsaturated),
                    Stats.Median(mine.Select(t => t.PerThousandRequests(t.Gen0))),
                    Stats.Median(mine.Select(t => t.PerThousandRequests(t.Gen1))),
                    Stats.Median(mine.Select(t => t.PerThousandRequests(t.Gen2))),
                    Stats.Median(mine.Select(t => t.AllocatedKbPerRequest)),
                    mine.Sum(t => t.JitMethods),
                    mine.Max(t => t.PeakWorkingSetMb),
                    mine.Max(t => t.PoolReservedMb),
                    mine.Sum(t => t.Errors),
                    mine.Sum(t => t.IntegrityFailures)));
            }
        }

        return rows;
    }
}
