using System.Buffers;
using System.Text.Json;
using BufferPool;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the app's pools' statistics as JSON.</summary>
public static class BufferPoolStatisticsEndpoint
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> to a JSON document with <c>pools</c>, each pool the app's container serves once
    /// (its <c>MemoryPool&lt;byte&gt;</c>, <c>ArrayPool&lt;byte&gt;</c> and <c>ArrayPool&lt;char&gt;</c>, where they are
    /// BufferPool pools): <c>kind</c>, <c>name</c>, <c>elementType</c> for array pools, and the figures of
    /// <see cref="BufferPoolStatisticsFields"/>; for a memory pool also <c>owners</c>, its rents broken down by who made
    /// them (<c>app</c>, <c>kestrel</c>, <c>sockets</c>: <see cref="BufferPoolOwnerStatistics"/>), which add up to the
    /// pool's. And <c>totals</c>, the figures summed over the pools. With <c>BufferPool:Kind=default</c> the list is empty.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route. Default <c>/_bufferpool</c>.</param>
    public static IEndpointConventionBuilder MapBufferPoolStatistics(this IEndpointRouteBuilder endpoints, string pattern = "/_bufferpool")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern, async context =>
        {
            IReadOnlyList<IBufferPool> pools = AppPools(context.RequestServices);
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            Write(json, pools);
        });
    }

    /// <summary>
    /// The pools in the container's pool slots, each once: what <c>AddSmallBlockPool</c>, <c>AddBitmapPool</c> and
    /// <c>AddBufferPool</c> register there, and nothing when the framework's own pools fill them.
    /// </summary>
    private static IReadOnlyList<IBufferPool> AppPools(IServiceProvider services)
    {
        var pools = new List<IBufferPool>();
        foreach (object? slot in new object?[] { services.GetService<MemoryPool<byte>>(), services.GetService<ArrayPool<byte>>(), services.GetService<ArrayPool<char>>() })
        {
            if (slot is IBufferPool pool && !pools.Contains(pool))
            {
                pools.Add(pool);
            }
        }

        return pools;
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<IBufferPool> pools)
    {
        var totals = new BufferPoolStatistics();
        json.WriteStartObject();
        json.WriteStartArray("pools");
        foreach (IBufferPool pool in pools)
        {
            BufferPoolStatistics statistics = pool.GetStatistics();
            totals += statistics;
            json.WriteStartObject();
            json.WriteString("kind", pool.Kind);
            json.WriteString("name", pool.Name);
            if (pool is not BufferMemoryPool)
            {
                json.WriteString("elementType", pool.ElementType.Name.ToLowerInvariant());
            }

            WriteFields(json, statistics);
            if (pool is BufferMemoryPool memory)
            {
                json.WriteStartArray("owners");
                foreach (BufferPoolOwnerStatistics owner in memory.GetOwnerStatistics())
                {
                    json.WriteStartObject();
                    json.WriteString("owner", owner.Owner);
                    json.WriteNumber("rentCount", owner.RentCount);
                    json.WriteNumber("rentedBytes", owner.RentedBytes);
                    json.WriteNumber("largeRentCount", owner.LargeRentCount);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("totals");
        WriteFields(json, totals);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter json, BufferPoolStatistics statistics)
    {
        foreach (var (name, read) in BufferPoolStatisticsFields.All)
        {
            json.WriteNumber(name, read(statistics));
        }
    }
}
