namespace BufferPool.LoadTests;

/// <summary>
/// What one load generator run measured; latencies in milliseconds. <see cref="Check"/> says how the responses were
/// checked and, when the check failed, what it found.
/// </summary>
internal sealed record LoadResult(double Rps, double P50Ms, double P99Ms, double MaxMs, long Errors, long IntegrityFailures, long Requests, string ErrorDetail = "", string Check = "");
