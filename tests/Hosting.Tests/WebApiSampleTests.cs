using System.Net;
using System.Text.Json.Nodes;
using BufferPool.Tests.Shared;

namespace BufferPool.Hosting.Tests;

/// <summary>samples/WebApi as a user meets it: started from another folder, and asked for too much.</summary>
public sealed class WebApiSampleTests
{
    [Fact]
    public async Task StartedFromAnotherFolder_ReadsItsOwnAppSettings()
    {
        // The copy's appsettings.json asks for the bitmap pool; the built-in default is small-block.
        await using SampleProcess sample = SampleProcess.Start("WebApi", s => s["BufferPool"]!["Kind"] = "bitmap", "--urls", "http://127.0.0.1:0");

        string line = await sample.WaitForLineAsync("BufferPool:Kind=", TimeSpan.FromSeconds(60));

        Assert.Contains("BufferPool:Kind=bitmap", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/bytes/67108865")]
    [InlineData("/bytes/99999999999")]
    [InlineData("/bytes/-1")]
    [InlineData("/json/100001")]
    [InlineData("/json/99999999999")]
    [InlineData("/text/16777217")]
    [InlineData("/text/99999999999")]
    public async Task SizesPastTheBound_AreRefusedAtOnce(string path)
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using HttpResponseMessage response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("n must be between 0 and", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("/bytes/1000", 1000)]
    [InlineData("/text/1000", 1000)]
    public async Task SizesWithinTheBound_AreServed(string path, int length)
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block");

        byte[] body = await server.Client.GetByteArrayAsync(path);

        Assert.Equal(length, body.Length);
    }
}
