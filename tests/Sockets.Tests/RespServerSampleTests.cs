using BufferPool.Tests.Shared;

namespace BufferPool.Sockets.Tests;

/// <summary>samples/RespServer as a user starts it: from another folder than its own.</summary>
public sealed class RespServerSampleTests
{
    [Fact]
    public async Task StartedFromAnotherFolder_ReadsItsOwnAppSettings()
    {
        // The copy's appsettings.json asks for the bitmap pool and a free port; the built-in defaults are small-block and 6380.
        await using SampleProcess sample = SampleProcess.Start("RespServer", s =>
        {
            s["BufferPool"]!["Kind"] = "bitmap";
            s["RespServer"]!["Port"] = 0;
        });

        string line = await sample.WaitForLineAsync("RESP server listening on", TimeSpan.FromSeconds(60));

        Assert.Contains("BufferPool:Kind=bitmap", line, StringComparison.Ordinal);
        Assert.DoesNotContain(":6380", line, StringComparison.Ordinal);
    }
}
