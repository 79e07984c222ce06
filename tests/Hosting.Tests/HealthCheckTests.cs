using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting.Tests;

public sealed class HealthCheckTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithKindDefault_TheAppStarts_AndTheCheckIsHealthy_SayingNoPoolIsInUse(bool withOutKind)
    {
        // The README's lines as a user pastes them, with BufferPool:Kind=default (the framework's own pools).
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["BufferPool:Kind"] = "default" });
        if (withOutKind)
        {
            builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"), out _);
        }
        else
        {
            builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"));
        }

        builder.Services.AddHealthChecks().AddBufferPool();
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        HealthReport report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HealthReportEntry entry = report.Entries["bufferpool"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("No BufferPool pool is in use", entry.Description);
        await app.StopAsync();
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
                "InUseShareThreshold: InUseShareThreshold must be between 0 and 1; it was 2.",
                "FallbackWindow: FallbackWindow must be between 00:00:01 and 1.00:00:00; it was 2.00:00:00.",
            ],
            ex.Failures);
    }
}
