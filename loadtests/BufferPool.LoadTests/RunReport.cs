namespace BufferPool.LoadTests;

/// <summary>Everything one HTTP run produced, for the files, the charts and the console.</summary>
internal sealed record RunReport(
    RunnerOptions Options,
    DateTime Started,
    DateTime Finished,
    IReadOnlyList<WarmupResult> Warmups,
    IReadOnlyList<Trial> Trials,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<BurstSample> Burst);
