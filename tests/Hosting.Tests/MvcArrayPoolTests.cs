using System.Text.Json;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The load runner's <c>mvc-text-64k</c> scenario: GET /text/{n} goes through MVC's response writer, which rents its
/// char and byte buffers from the array pools in the container; /json (System.Text.Json) does not.
/// </summary>
public sealed class MvcArrayPoolTests
{
    [Theory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task TextResult_RentsFromBothArrayPools(string kind)
    {
        await using SampleServer server = await SampleServer.StartAsync(kind);
        (long bytesBefore, long charsBefore) = await ArrayPoolRentsAsync(server);

        const int Requests = 5, Length = 65536;
        for (int i = 0; i < Requests; i++)
        {
            string body = await server.Client.GetStringAsync($"/text/{Length}");
            Assert.Equal(Length, body.Length);
            Assert.Equal("abcdefghijklmnopqrstuvwxyzabc", body[..29]);
            Assert.Equal((char)('a' + (Length - 1) % 26), body[^1]);
        }

        (long bytesAfter, long charsAfter) = await ArrayPoolRentsAsync(server);
        Assert.True(charsAfter - charsBefore >= Requests, $"ArrayPool<char> rents went from {charsBefore} to {charsAfter}");
        Assert.True(bytesAfter - bytesBefore >= Requests, $"ArrayPool<byte> rents went from {bytesBefore} to {bytesAfter}");
    }

    [Fact]
    public async Task TextResult_RejectsOutOfRangeLengths()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await server.Client.GetAsync("/text/-1")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await server.Client.GetAsync($"/text/{(16 << 20) + 1}")).StatusCode);
        Assert.Equal("", await server.Client.GetStringAsync("/text/0"));
    }

    private static async Task<(long Bytes, long Chars)> ArrayPoolRentsAsync(SampleServer server)
    {
        using JsonDocument doc = JsonDocument.Parse(await server.Client.GetStringAsync("/_bufferpool"));
        long Rents(string elementType) => doc.RootElement.GetProperty("pools").EnumerateArray()
            .Where(p => p.TryGetProperty("elementType", out JsonElement e) && e.GetString() == elementType)
            .Sum(p => p.GetProperty("rentCount").GetInt64());
        return (Rents("byte"), Rents("char"));
    }
}
