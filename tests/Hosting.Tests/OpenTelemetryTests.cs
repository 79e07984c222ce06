namespace BufferPool.Hosting.Tests;

/// <summary>The sample exports BufferPool's Meter and the runtime's through OpenTelemetry's Prometheus endpoint.</summary>
/// <remarks>
/// OpenTelemetry's <c>AddMeter</c> listens to every Meter of that name in the process, whichever app's
/// <c>IMeterFactory</c> made it, so this test runs alone: other tests' apps would be exported here too.
/// </remarks>
[Collection(OpenTelemetryCollection.Name)]
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task Metrics_ShowEveryPoolWithItsTags_AndTheRuntimesFigures()
    {
        await using SampleServer server = await SampleServer.StartAsync("bitmap");
        await server.Client.GetStringAsync("/hello");
        string[] lines = (await server.Client.GetStringAsync("/metrics")).Split('\n');

        // The app's three pools, each under its own tag set, and Kestrel's rents under its own owner.
        string[] inUse = [.. lines.Where(l => l.StartsWith("bufferpool_in_use_bytes{", StringComparison.Ordinal))];
        Assert.Equal(3, inUse.Length);
        Assert.Contains(inUse, l => l.Contains("bufferpool_kind=\"bitmap\"") && l.Contains("bufferpool_owner=\"app\""));
        Assert.Contains(inUse, l => l.Contains("bufferpool_kind=\"free-list\"") && l.Contains("bufferpool_element_type=\"char\""));
        string kestrel = Assert.Single(lines, l => l.StartsWith("bufferpool_rented_bytes_total{", StringComparison.Ordinal) && l.Contains("bufferpool_owner=\"kestrel\""));
        Assert.True(double.Parse(kestrel[(kestrel.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > 0, kestrel);

        // The runtime's own meter, for GC figures beside the pool's.
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal));
    }
}

/// <summary>Runs its tests with no other test's app alive in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenTelemetryCollection
{
    public const string Name = "OpenTelemetry";
}
