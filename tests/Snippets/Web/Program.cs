var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"));
builder.Services.AddHealthChecks().AddBufferPool();

var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapBufferPoolStatistics(); // GET /_bufferpool
app.MapGet("/", () => "Hello, World!");
app.Run();
