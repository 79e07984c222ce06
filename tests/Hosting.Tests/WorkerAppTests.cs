using System.Text.Json;
using BufferPool.Tests.Shared;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The README's worker quick start (tests/Snippets/Worker: <c>dotnet new worker</c> plus BufferPool.Hosting) needs no ASP.NET
/// Core runtime, and runs: the pool serves its rents, the trimming service and the health check work.
/// </summary>
public sealed class WorkerAppTests
{
    [Fact]
    public async Task TheWorkerQuickStart_RunsOnTheBareRuntime_WithThePoolAndItsHealthCheck()
    {
        await using SampleProcess worker = SampleProcess.Start("tests/Snippets/Worker", static _ => { });

        // Only the .NET runtime: were ASP.NET Core's framework needed, the runtimeconfig would name it, and without it
        // installed the app would not start.
        using JsonDocument runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(worker.AppDirectory, "Worker.runtimeconfig.json")));
        JsonElement options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.False(options.TryGetProperty("frameworks", out _), "the worker needs more than one shared framework");
        Assert.Equal("Microsoft.NETCore.App", options.GetProperty("framework").GetProperty("name").GetString());
        Assert.DoesNotContain(Directory.GetFiles(worker.AppDirectory, "Microsoft.AspNetCore.*.dll"), f => !f.EndsWith("Microsoft.AspNetCore.Connections.Abstractions.dll", StringComparison.Ordinal));

        string started = await worker.WaitForLineAsync("BufferPool: the small-block pool", TimeSpan.FromSeconds(60));
        string health = await worker.WaitForLineAsync("Health Healthy;", TimeSpan.FromSeconds(60));

        Assert.DoesNotContain("Kestrel", started, StringComparison.Ordinal);
        Assert.Matches(@"Health Healthy; [1-9]\d* rents, 0 bytes in use", health);
    }

    [Fact]
    public async Task TheWorkerQuickStart_RunsWithKindDefault_OnTheFrameworksPool()
    {
        // Kind=default compares against the framework: the same worker must start, rent and report, not fail to resolve
        // MemoryPool<byte> or cast the framework's pool to IBufferPool.
        // On the command line: the worker's content root is the folder it starts in, not its own (SampleProcess starts it
        // elsewhere), so its appsettings.json is not read.
        await using SampleProcess worker = SampleProcess.Start("tests/Snippets/Worker", static _ => { }, "--BufferPool:Kind=default");

        await worker.WaitForLineAsync("BufferPool:Kind is default", TimeSpan.FromSeconds(60));
        string health = await worker.WaitForLineAsync("Health Healthy;", TimeSpan.FromSeconds(60));

        Assert.Contains("the framework's pool", health, StringComparison.Ordinal);
    }
}
