namespace BufferPool.LoadTests;

/// <summary>What one load generator run measured; latencies in milliseconds.</summary>
internal sealed record LoadResult(double Rps, double P50Ms, double P99Ms, double MaxMs, long Errors, long IntegrityFailures, long Requests, string ErrorDetail = "");
