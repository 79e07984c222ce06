using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting.Tests;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task WithoutAPool_TheAppDoesNotStart_AndSaysWhy()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHealthChecks().AddBufferPool();
        await using WebApplication app = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("needs a BufferPool pool", ex.Message);
        Assert.Contains("AddSmallBlockPool", ex.Message);
    }

    [Fact]
    public async Task NameFailureStatusAndTags_AreTheCallers()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSmallBlockPool(o => o.MaxReservedBytes = 1 << 20);
        services.AddHealthChecks().AddBufferPool(o => o.InUseShareThreshold = 0.5, name: "pools", failureStatus: HealthStatus.Unhealthy, tags: ["ready"]);
        await using ServiceProvider provider = services.BuildServiceProvider();

        HealthCheckRegistration registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("pools", registration.Name);
        Assert.Equal(["ready"], registration.Tags);

        // Past half the budget in use: the caller's failure status, and a description that says what to do.
        var pool = provider.GetRequiredService<System.Buffers.MemoryPool<byte>>();
        var held = Enumerable.Range(0, 10).Select(_ => pool.Rent(65536)).ToList();
        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        HealthReportEntry entry = report.Entries["pools"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("raise MaxReservedBytes", entry.Description);
        held.ForEach(l => l.Dispose());
        Assert.Equal(HealthStatus.Healthy, (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
    }

    [Fact]
    public void BadThresholds_AreNamed()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSmallBlockPool();
        services.AddHealthChecks().AddBufferPool(o =>
        {
            o.InUseShareThreshold = 2;
            o.FallbackWindow = TimeSpan.FromDays(2);
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BufferPoolHealthCheckOptions>>().Value);
        Assert.Equal(
            [
                "BufferPool:HealthCheck:InUseShareThreshold: InUseShareThreshold must be between 0 and 1; it was 2.",
                "BufferPool:HealthCheck:FallbackWindow: FallbackWindow must be between 00:00:01 and 1.00:00:00; it was 2.00:00:00.",
            ],
            ex.Failures);
    }
}
