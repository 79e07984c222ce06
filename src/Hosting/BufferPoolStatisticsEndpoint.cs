using System.Text.Json;
using BufferPool;
using BufferPool.Diagnostics;
using BufferPool.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the app's pools' statistics as JSON.</summary>
public static class BufferPoolStatisticsEndpoint
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> to a JSON document: <c>pools</c>, one entry per pool the app owns (and per owner that
    /// rents through it, such as Kestrel), with <c>kind</c>, <c>name</c>, <c>owner</c>, <c>elementType</c> for array
    /// pools, and the figures of <see cref="BufferPoolStatisticsFields"/>; and <c>totals</c>, the same figures summed
    /// over the app's pools. Other apps in the process are not listed.
    /// </summary>
    public static IEndpointConventionBuilder MapBufferPoolStatistics(this IEndpointRouteBuilder endpoints, string pattern = "/_bufferpool")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern, async context =>
        {
            // An app without AddSmallBlockPool/AddBitmapPool owns no BufferPool pool: an empty list, zero totals.
            AppBufferPools? pools = context.RequestServices.GetService<AppBufferPools>();
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            Write(json, pools is null ? [] : [.. pools.Read()], pools?.All.Select(p => p.GetStatistics()).Aggregate(static (a, b) => a + b) ?? new BufferPoolStatistics());
        });
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<PoolReading> readings, BufferPoolStatistics totals)
    {
        json.WriteStartObject();
        json.WriteStartArray("pools");
        foreach (PoolReading reading in readings)
        {
            json.WriteStartObject();
            json.WriteString("kind", reading.Pool.Kind);
            json.WriteString("name", reading.Pool.Name);
            json.WriteString("owner", reading.Owner);
            if (reading.IsArrayPool)
            {
                json.WriteString("elementType", reading.Pool.ElementType.Name.ToLowerInvariant());
            }

            WriteFields(json, reading.Statistics);
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
