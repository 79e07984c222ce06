using System.Net;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The load runner's HTTP/2 scenario: the sample takes a cleartext HTTP/2 (h2c, prior knowledge) endpoint from
/// Kestrel's own configuration, <c>Kestrel:Endpoints:NAME:Url</c> with <c>Protocols=Http2</c>, as h2load needs.
/// </summary>
public sealed class H2cEndpointTests
{
    [Fact]
    public async Task ConfiguredHttp2Endpoint_ServesH2c()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block", new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:H2c:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:H2c:Protocols"] = "Http2",
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bytes/65536")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using HttpResponseMessage response = await server.Client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(65536, body.Length);
        Assert.Equal(1000 % 251, body[1000]);
    }
}
