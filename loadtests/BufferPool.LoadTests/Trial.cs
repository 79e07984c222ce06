namespace BufferPool.LoadTests;

/// <summary>
/// One trial: one pool in one scenario in one round, a row of results.csv. Throughput, CPU, saturation, GC and
/// allocation figures cover the throughput run (wrk or h2load); latency comes from the fixed-rate autocannon run
/// (h2load's own log for HTTP/2). <see cref="Check"/> says how the throughput run's responses were checked (and, for a
/// large download, the full bodies fetched out of band), with what each check found.
/// </summary>
internal sealed record Trial(
    int Round,
    int Position,
    string Pool,
    string Scenario,
    double Rps,
    long Requests,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    long IntegrityFailures,
    double CpuSeconds,
    double WallSeconds,
    long Gen0,
    long Gen1,
    long Gen2,
    long AllocatedBytes,
    long JitMethods,
    double PeakWorkingSetMb,
    double IdleWorkingSetMb,
    double PoolReservedMb,
    string Check = "")
{
    /// <summary>Below this share of one core, the server was not the bottleneck: the trial is flagged.</summary>
    public const double SaturationThreshold = 0.95;

    /// <summary>Server CPU seconds per wall second during the throughput run; 1.0 is the whole of its core.</summary>
    public double Saturation => WallSeconds > 0 ? CpuSeconds / WallSeconds : 0;

    public bool Unsaturated => Saturation < SaturationThreshold;

    public double CpuMicrosecondsPerRequest => Requests > 0 ? CpuSeconds * 1e6 / Requests : 0;

    public double AllocatedKbPerRequest => Requests > 0 ? AllocatedBytes / 1024.0 / Requests : 0;

    public double PerThousandRequests(long collections) => Requests > 0 ? collections * 1000.0 / Requests : 0;
}

/// <summary>
/// A point of the burst scenario's memory timeline: the server's RSS (VmRSS), the pools' reserved and committed bytes
/// (null for <c>default</c>, Kestrel's own pool, which reports neither: not measured, not 0), and the GC's committed
/// bytes at its last collection.
/// </summary>
internal sealed record BurstSample(int Round, string Pool, double Seconds, double RssMb, double? PoolReservedMb, double? PoolCommittedMb, bool UnderLoad, double GcCommittedMb = 0);
