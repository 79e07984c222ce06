using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BufferPool.LoadTests.Tests;

/// <summary>
/// The out-of-band checks of the large downloads: the raw probe that measures the response header wrk's byte total is
/// checked against, and the full-body fetches with HttpClient, each against a server that gets something wrong.
/// </summary>
public sealed class DownloadCheckTests
{
    private const int Size = 262144;

    [Theory]
    [InlineData(0)]
    [InlineData(250)]
    [InlineData(1_000_003)]
    public void FirstMismatch_FindsTheFirstWrongByte_AtAnyOffset(long offset)
    {
        byte[] chunk = [.. Enumerable.Range(0, 200_000).Select(i => (byte)((offset + i) % 251))];
        Assert.Equal(-1, DownloadCheck.FirstMismatch(chunk, offset));
        Assert.Equal(0, DownloadCheck.FirstMismatch(chunk, offset + 1));

        chunk[150_001] ^= 1;
        Assert.Equal(150_001, DownloadCheck.FirstMismatch(chunk, offset));
    }

    [Fact]
    public void CheckResults_AddUp_SayingEachFailureOnce()
    {
        CheckResult sum = new CheckResult(3, 1, "GET x: byte 5 is 0, expected 5").Add(CheckResult.None).Add(new CheckResult(4, 2, "GET x: byte 5 is 0, expected 5; GET x: status 500"));

        Assert.Equal(new CheckResult(7, 3, "GET x: byte 5 is 0, expected 5; GET x: status 500"), sum);
    }

    [Fact]
    public async Task Verify_IntactBodies_Pass()
    {
        await using BytesServer server = BytesServer.Intact();

        CheckResult result = await DownloadCheck.VerifyAsync(new Uri(server.Address, $"bytes/{Size}"), Size, 3, CancellationToken.None);

        Assert.Equal(new CheckResult(3, 0, ""), result);
    }

    [Fact]
    public async Task Verify_OneWrongByte_FailsTheFetch()
    {
        await using BytesServer server = BytesServer.Start((_, number, body) =>
        {
            if (number == 1)
            {
                body[200_000]++;
            }

            return Task.FromResult(body);
        });

        CheckResult result = await DownloadCheck.VerifyAsync(new Uri(server.Address, $"bytes/{Size}"), Size, 3, CancellationToken.None);

        Assert.Equal(1, result.Failures);
        Assert.Contains($"byte 200000 is {(200_000 % 251) + 1}, expected {200_000 % 251}", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BodyCutShortOfItsContentLength_Fails()
    {
        // Kestrel aborts the connection when the app wrote less than the Content-Length it set.
        await using BytesServer server = BytesServer.Start((context, _, body) =>
        {
            context.Response.ContentLength = body.Length;
            return Task.FromResult(body[..(body.Length / 2)]);
        });

        CheckResult result = await DownloadCheck.VerifyAsync(new Uri(server.Address, $"bytes/{Size}"), Size, 2, CancellationToken.None);

        Assert.Equal(2, result.Failures);
    }

    [Fact]
    public async Task Verify_ShortBodyWithMatchingContentLength_Fails()
    {
        await using BytesServer server = BytesServer.Start((_, _, body) => Task.FromResult(body[..^1]));

        CheckResult result = await DownloadCheck.VerifyAsync(new Uri(server.Address, $"bytes/{Size}"), Size, 1, CancellationToken.None);

        Assert.Equal(1, result.Failures);
        Assert.Contains($"Content-Length {Size - 1}", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_MeasuresTheHeaderExactly_AndChecksTheBody()
    {
        // A server whose header is known to the byte: what the probe measures is what wrk will read per response.
        string header = $"HTTP/1.1 200 OK\r\nContent-Length: {Size}\r\nX-Odd: {new string('x', 37)}\r\n\r\n";
        byte[] body = [.. Enumerable.Range(0, Size).Select(i => (byte)(i % 251))];
        await using var server = new RawServer(Encoding.ASCII.GetBytes(header), body);

        HeaderProbe probe = await DownloadCheck.ProbeAsync(new Uri(server.Address, $"bytes/{Size}"), Size, CancellationToken.None);

        Assert.Equal(new HeaderProbe(header.Length, null), probe);
        Assert.StartsWith($"GET /bytes/{Size} HTTP/1.1\r\nHost: 127.0.0.1:", server.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_FlagsAWrongByte_AndAShortBody()
    {
        string header = $"HTTP/1.1 200 OK\r\nContent-Length: {Size}\r\n\r\n";
        byte[] body = [.. Enumerable.Range(0, Size).Select(i => (byte)(i % 251))];
        body[Size - 1] = 0;
        await using (var server = new RawServer(Encoding.ASCII.GetBytes(header), body))
        {
            HeaderProbe probe = await DownloadCheck.ProbeAsync(new Uri(server.Address, $"bytes/{Size}"), Size, CancellationToken.None);
            Assert.Equal(header.Length, probe.HeaderBytes);
            Assert.Contains($"byte {Size - 1} is 0", probe.Failure, StringComparison.Ordinal);
        }

        await using (var server = new RawServer(Encoding.ASCII.GetBytes(header), body[..1000]))
        {
            HeaderProbe probe = await DownloadCheck.ProbeAsync(new Uri(server.Address, $"bytes/{Size}"), Size, CancellationToken.None);
            Assert.Contains($"ended after 1000 of {Size} bytes", probe.Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Probe_OfKestrel_IsIntact_AndWrongContentLengthIsAFailure()
    {
        await using BytesServer server = BytesServer.Intact();

        HeaderProbe probe = await DownloadCheck.ProbeAsync(new Uri(server.Address, $"bytes/{Size}"), Size, CancellationToken.None);
        HeaderProbe wrong = await DownloadCheck.ProbeAsync(new Uri(server.Address, "bytes/1000"), Size, CancellationToken.None);

        Assert.Null(probe.Failure);
        Assert.InRange(probe.HeaderBytes, 60, 300);
        Assert.Contains("Content-Length 1000", wrong.Failure, StringComparison.Ordinal);
    }

    /// <summary>Answers one connection's one request with fixed bytes, then closes it.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public RawServer(byte[] header, byte[] body)
        {
            _listener.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _serving = Task.Run(async () =>
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync();
                NetworkStream stream = client.GetStream();
                byte[] request = new byte[4096];
                int read = 0;
                while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    read += await stream.ReadAsync(request.AsMemory(read));
                }

                Request = Encoding.ASCII.GetString(request, 0, read);
                await stream.WriteAsync(header);
                await stream.WriteAsync(body);
            });
        }

        public Uri Address { get; }

        public string Request { get; private set; } = "";

        public async ValueTask DisposeAsync()
        {
            await _serving;
            _listener.Stop();
        }
    }
}
