namespace BufferPool.LoadTests;

/// <summary>What the HTTP runner was asked to do, after the command line was parsed and checked.</summary>
internal sealed record RunnerOptions(
    bool Quick,
    string[] Pools,
    Scenario[] Scenarios,
    int Rounds,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan WarmupLimit,
    int Connections,
    TimeSpan Idle,
    string Output)
{
    public static readonly string[] AllPools = ["default", "small-block", "bitmap"];

    /// <summary>Fewer than this many rounds, or quick mode, and the report says not to compare the pools.</summary>
    public const int RoundsToCompare = 3;

    public bool TooShortToCompare => Quick || Rounds < RoundsToCompare;

    /// <summary>autocannon's fixed-rate run: as long as the throughput run, but 1 s in quick mode (a smoke test).</summary>
    public TimeSpan LatencyDuration => Quick ? TimeSpan.FromSeconds(1) : Duration;

    /// <summary>The servers' BufferPool:Trimming:Period: the burst's goals are counted in these periods after the load stops.</summary>
    public TimeSpan TrimPeriod => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    /// <summary>The pause after a trial (the burst's is <see cref="Idle"/>), so that one trial's tail does not reach the next.</summary>
    public TimeSpan Settle => Quick ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(1);
}
