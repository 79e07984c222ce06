using BufferPool.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves every live pool's statistics as JSON.</summary>
public static class BufferPoolStatisticsEndpoint
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> to a JSON document: <c>pools</c>, one entry per live pool (kind, owner and its
    /// statistics), and <c>totals</c> over the process.
    /// </summary>
    public static IEndpointConventionBuilder MapBufferPoolStatistics(this IEndpointRouteBuilder endpoints, string pattern = "/_bufferpool")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern, static () => Results.Json(new
        {
            pools = BufferPoolRegistry.Snapshot().Select(p => new
            {
                kind = p.Source.Kind,
                owner = p.Source.Owner,
                superBlocks = p.Statistics.SuperBlockCount,
                reservedBytes = p.Statistics.ReservedBytes,
                inUseBytes = p.Statistics.InUseBytes,
                rents = p.Statistics.RentCount,
                returns = p.Statistics.ReturnCount,
                superBlocksAllocated = p.Statistics.SuperBlocksAllocated,
                superBlocksReleased = p.Statistics.SuperBlocksReleased,
                thresholdHits = p.Statistics.FreeListThresholdHits,
                fallbacks = p.Statistics.FallbackCount,
            }),
            totals = BufferPoolRegistry.Total(),
        }));
    }
}
