using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using BufferPool.Diagnostics;
using OpenTelemetry.Metrics;

namespace WebApi;

/// <summary>
/// The sample API. Built here rather than in Program.cs so that tests can start the very same app on a real Kestrel
/// listener.
/// </summary>
public static class WebApiApp
{
    /// <summary>Builds the app; <paramref name="configure"/> lets a test set configuration or services first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the app's own folder, not the current one: `dotnet run --project samples/WebApi` from the
        // repository root, or `dotnet WebApi.dll` from anywhere, still reads this sample's appsettings.json.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        // The one line: BufferPool:Kind picks the pool; "default" keeps Kestrel's own, for comparison.
        builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"), out string kind);

        // The app part by name: tests host this app from their own entry assembly, where MVC would find no controller.
        builder.Services.AddControllers().AddApplicationPart(typeof(WebApiApp).Assembly);

        // OpenTelemetry metrics: BufferPool's Meter and the runtime's own (GC, JIT, thread pool), scraped at /metrics.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BufferPoolMetrics.MeterName)
            .AddMeter("System.Runtime")
            .AddPrometheusExporter());
        IHealthChecksBuilder health = builder.Services.AddHealthChecks();
        if (kind != "default")
        {
            health.AddBufferPool();
        }

        WebApplication app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => LogPools(app, kind));

        app.MapGet("/hello", () => "Hello, World!");
        app.MapPost("/echo", Echo);
        app.MapPost("/sha256", (Delegate)Sha256);
        app.MapGet("/bytes/{n:long}", WriteBytes);
        app.MapGet("/pools", DescribePools);
        app.MapGet("/_runtime", () => new
        {
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
            allocatedBytes = GC.GetTotalAllocatedBytes(),
            workingSetBytes = Environment.WorkingSet,

            // The GC's own memory, for what holds a process's resident memory besides the pools: what it had committed
            // at its last collection, and the heap's size now (garbage since that collection included).
            gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes,
            gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),

            // Methods the JIT has compiled so far (every tier): the load runner warms up until this stops growing.
            jitCompiledMethods = System.Runtime.JitInfo.GetCompiledMethodCount(),
        });
        app.MapBufferPoolStatistics();
        app.MapHealthChecks("/healthz");
        app.MapPrometheusScrapingEndpoint();
        app.MapControllers();
        return app;
    }

    /// <summary>Streams the request body back through the request and response pipes, segment by segment.</summary>
    private static async Task Echo(HttpContext context)
    {
        context.Response.ContentType = "application/octet-stream";
        await context.Request.BodyReader.CopyToAsync(context.Response.BodyWriter, context.RequestAborted);
    }

    /// <summary>Hashes a streamed upload without buffering it.</summary>
    private static async Task<string> Sha256(HttpContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        PipeReader reader = context.Request.BodyReader;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(context.RequestAborted);
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                hash.AppendData(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return Convert.ToHexStringLower(hash.GetHashAndReset());
            }
        }
    }

    /// <summary>The largest body <c>GET /bytes/{n}</c> streams: a sample must not be a way to keep a core busy for minutes.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Streams <paramref name="n"/> bytes (byte i is <c>i % 251</c>), 0 to <see cref="MaxBytes"/>, through BodyWriter,
    /// asking for chunks from 1 B to 64 KiB so that large writes reach the pool with large size hints.
    /// </summary>
    private static async Task WriteBytes(HttpContext context, long n)
    {
        if (n is < 0 or > MaxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"n must be between 0 and {MaxBytes}.", context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = n;
        PipeWriter writer = context.Response.BodyWriter;
        int[] hints = [1, 100, 4096, 16 * 1024, 64 * 1024, 3000];
        long written = 0;
        for (int i = 0; written < n; i++)
        {
            int hint = hints[i % hints.Length];
            Span<byte> span = writer.GetSpan(hint);
            int count = (int)Math.Min(Math.Min(span.Length, hint), n - written);
            for (int k = 0; k < count; k++)
            {
                span[k] = (byte)((written + k) % 251);
            }

            writer.Advance(count);
            written += count;
            await writer.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Which pool serves each slot, as this connection and the container see it.</summary>
    private static Dictionary<string, string> DescribePools(HttpContext context)
    {
        IServiceProvider services = context.RequestServices;
        return new()
        {
            ["transport"] = context.Features.Get<IMemoryPoolFeature>()?.MemoryPool?.GetType().Name ?? "none",
            ["memoryPoolFactory"] = services.GetRequiredService<IMemoryPoolFactory<byte>>().GetType().Name,
            ["memoryPool"] = services.GetService<MemoryPool<byte>>()?.GetType().Name ?? "none",
            ["pipeOptionsPool"] = services.GetService<PipeOptions>()?.Pool.GetType().Name ?? "none",
            ["arrayPoolOfByte"] = services.GetService<ArrayPool<byte>>()?.GetType().Name ?? "none",
            ["arrayPoolOfChar"] = services.GetService<ArrayPool<char>>()?.GetType().Name ?? "none",
        };
    }

    private static void LogPools(WebApplication app, string kind)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WebApi.BufferPool");
        logger.LogInformation(
            "BufferPool:Kind={Kind}. Kestrel transport: {Factory}; MemoryPool<byte>: {Pool}; ArrayPool<byte>: {Bytes}; ArrayPool<char>: {Chars}",
            kind,
            app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().GetType().Name,
            app.Services.GetService<MemoryPool<byte>>()?.GetType().Name ?? "none",
            app.Services.GetService<ArrayPool<byte>>()?.GetType().Name ?? "ArrayPool<byte>.Shared",
            app.Services.GetService<ArrayPool<char>>()?.GetType().Name ?? "ArrayPool<char>.Shared");
    }
}
