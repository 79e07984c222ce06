using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"));
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("BufferPool")     // every pool's figures, tagged bufferpool.kind and bufferpool.owner
    .AddMeter("System.Runtime") // the GC's, beside them
    .AddPrometheusExporter());

var app = builder.Build();
app.MapPrometheusScrapingEndpoint(); // GET /metrics
app.Run();
