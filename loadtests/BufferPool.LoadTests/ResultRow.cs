namespace BufferPool.LoadTests;

/// <summary>One pool in one scenario: the columns of results.csv.</summary>
internal sealed record ResultRow(
    string Pool, string Scenario, double Rps, double P50Ms, double P99Ms, double MaxMs, long Errors, long IntegrityFailures,
    double PeakWorkingSetMb, double IdleWorkingSetMb, long Gen0, long Gen1, long Gen2, double AllocatedMb, double PoolReservedMb);

/// <summary>A point of the burst scenario's memory timeline.</summary>
internal sealed record BurstSample(string Pool, double Seconds, double WorkingSetMb, double PoolReservedMb, bool UnderLoad);
