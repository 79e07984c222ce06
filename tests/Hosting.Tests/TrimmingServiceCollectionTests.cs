using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The trimming service's idle collection, in a collection of its own: the trigger reads the whole process's
/// allocations, so other tests running beside it would keep the process from ever looking idle.
/// </summary>
[Collection(IdleProcessCollection.Name)]
public sealed class TrimmingServiceCollectionTests
{
    [Theory]
    [InlineData(null, true)] // the default
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task TrimmingService_AsksForOneCollection_OnceTheAppIsIdleAfterABurst_UnlessTurnedOff(string? setting, bool collects)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BufferPool:Trimming:Period"] = "00:00:00.200",
            ["Logging:LogLevel:BufferPool"] = "Debug",
        };
        if (setting is not null)
        {
            settings["BufferPool:Trimming:CollectWhenIdle"] = setting;
        }

        await using SampleServer server = await SampleServer.StartAsync("small-block", settings, services => services.AddFakeLogging());
        var pooled = server.App.Services.GetRequiredService<AppBufferPools>().Memory;
        FakeLogCollector logs = server.App.Services.GetRequiredService<FakeLogCollector>();

        // After the service's first period (its baseline), a burst of 64 MiB through the pool (8 times the trigger's
        // threshold), then nothing.
        await Task.Delay(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 1024; i++)
        {
            pooled.Rent(64 * 1024).Dispose();
        }

        // Collected: within 30 s (the second idle period, on a busy machine). Not configured: none in 10 periods.
        var deadline = DateTime.UtcNow + (collects ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(2));
        while (Collections(logs) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // At least one: the test host's own allocations (its runner, the app's startup) count as activity too, and a burst
        // of theirs followed by quiet is one as well (IdleCollectionTriggerTests has the rule itself, one per burst).
        Assert.Equal(collects, Collections(logs) > 0);

        static int Collections(FakeLogCollector logs) =>
            logs.GetSnapshot().Count(r => r.Message.StartsWith("Asked the GC for an aggressive collection", StringComparison.Ordinal));
    }
}

/// <summary>Runs its tests with no other test running in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IdleProcessCollection
{
    public const string Name = "IdleProcess";
}
