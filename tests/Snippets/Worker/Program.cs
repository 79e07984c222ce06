using System.Buffers;
using BufferPool;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"));
builder.Services.AddHealthChecks().AddBufferPool();
builder.Services.AddHostedService<Worker>();
builder.Build().Run();

sealed class Worker(MemoryPool<byte> pool, HealthCheckService health, ILogger<Worker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (IMemoryOwner<byte> buffer = pool.Rent(16 * 1024))
            {
                buffer.Memory.Span.Fill(42); // your work here
            }

            HealthReport report = await health.CheckHealthAsync(stoppingToken);
            if (pool is IBufferPool bufferPool)
            {
                BufferPoolStatistics stats = bufferPool.GetStatistics();
                logger.LogInformation("Health {Status}; {Rents} rents, {InUse} bytes in use, {Committed} bytes resident",
                    report.Status, stats.RentCount, stats.InUseBytes, stats.CommittedBytes);
            }
            else
            {
                logger.LogInformation("Health {Status}; the framework's pool (BufferPool:Kind=default)", report.Status);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }
}
