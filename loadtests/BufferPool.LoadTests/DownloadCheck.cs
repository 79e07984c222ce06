using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BufferPool.LoadTests;

/// <summary>What an out-of-band check found: how many fetches it made, how many failed, and why (empty if none did).</summary>
internal sealed record CheckResult(int Fetches, int Failures, string Detail)
{
    public static readonly CheckResult None = new(0, 0, "");

    /// <summary>Both results together; a failure that both report is said once.</summary>
    public CheckResult Add(CheckResult other) =>
        new(Fetches + other.Fetches, Failures + other.Failures,
            string.Join("; ", new[] { Detail, other.Detail }.SelectMany(d => d.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Distinct()));
}

/// <summary>What one raw request to a /bytes URL found: the length of its status line and headers (with the blank line
/// that ends them), and what was wrong with the response, if anything.</summary>
internal sealed record HeaderProbe(int HeaderBytes, string? Failure);

/// <summary>
/// The checks of a large download that keep wrk's load core out of it (<see cref="Scenario.ChecksByteTotal"/>): the
/// sample's GET /bytes/{n} answers n bytes, byte i being <c>i % 251</c>. <see cref="ProbeAsync"/> sends one request
/// as wrk sends it, over a plain socket, to learn the exact size of the response's headers, which wrk's byte total is
/// then checked against; <see cref="VerifyAsync"/> fetches the URL with HttpClient and checks every byte of each body.
/// </summary>
internal static class DownloadCheck
{
    public const int Modulus = 251;

    /// <summary>Bytes 0, 1, ... 250, 0, 1, ...: a body's expected bytes from any offset, a chunk at a time.</summary>
    private static readonly byte[] Pattern = [.. Enumerable.Range(0, ChunkBytes + Modulus).Select(i => (byte)(i % Modulus))];

    private const int ChunkBytes = 64 * 1024;

    /// <summary>The index in <paramref name="chunk"/> of the first byte that is not <c>(offset + index) % 251</c>, or -1.</summary>
    public static int FirstMismatch(ReadOnlySpan<byte> chunk, long offset)
    {
        for (int done = 0; done < chunk.Length;)
        {
            int length = Math.Min(ChunkBytes, chunk.Length - done);
            ReadOnlySpan<byte> expected = Pattern.AsSpan((int)((offset + done) % Modulus), length);
            int same = chunk.Slice(done, length).CommonPrefixLength(expected);
            if (same < length)
            {
                return done + same;
            }

            done += length;
        }

        return -1;
    }

    /// <summary>
    /// One GET of <paramref name="url"/> over a plain TCP connection, the request as wrk writes it (request line and
    /// Host, keep-alive): the size of the response's status line and headers, so that the size of every response wrk
    /// reads is known to the byte; and a check of its status, Content-Length and every byte of its body. Throws when no
    /// complete header comes back (nothing to measure).
    /// </summary>
    public static async Task<HeaderProbe> ProbeAsync(Uri url, long bodyBytes, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port, timeout.Token);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n"), timeout.Token);

        byte[] buffer = new byte[ChunkBytes];
        int filled = 0, headerBytes;
        while ((headerBytes = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            int read = filled < buffer.Length ? await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token) : 0;
            if (read == 0)
            {
                throw new InvalidOperationException($"GET {url}: no complete response header in {filled} bytes:\n{Encoding.ASCII.GetString(buffer, 0, filled)}");
            }

            filled += read;
        }

        headerBytes += 4;
        string header = Encoding.ASCII.GetString(buffer, 0, headerBytes);
        string[] lines = header.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string? contentLength = lines.Skip(1).Select(l => l.Split(':', 2)).Where(f => f.Length == 2 && f[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(f => f[1].Trim()).FirstOrDefault();
        if (!lines[0].StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) || contentLength != bodyBytes.ToString(CultureInfo.InvariantCulture))
        {
            return new HeaderProbe(headerBytes, $"GET {url}: expected 200 with Content-Length {bodyBytes}, got '{lines[0]}', Content-Length {contentLength ?? "none"}");
        }

        long body = 0;
        int pending = filled - headerBytes;
        Array.Copy(buffer, headerBytes, buffer, 0, pending);
        while (true)
        {
            int take = (int)Math.Min(pending, bodyBytes - body);
            if (FirstMismatch(buffer.AsSpan(0, take), body) is var bad and >= 0)
            {
                return new HeaderProbe(headerBytes, $"GET {url}: byte {body + bad} is {buffer[bad]}, expected {(body + bad) % Modulus}");
            }

            body += take;
            if (body == bodyBytes)
            {
                return new HeaderProbe(headerBytes, null);
            }

            pending = await stream.ReadAsync(buffer, timeout.Token);
            if (pending == 0)
            {
                return new HeaderProbe(headerBytes, $"GET {url}: the body ended after {body} of {bodyBytes} bytes");
            }
        }
    }

    /// <summary>
    /// <paramref name="fetches"/> GETs of <paramref name="url"/>, one after the other, with an HttpClient of its own
    /// (new connections): each fails unless it is a 200 with Content-Length <paramref name="bodyBytes"/> and exactly
    /// that many bytes, byte i being <c>i % 251</c>. A connection error or a truncated body is a failure, not an exception.
    /// </summary>
    public static async Task<CheckResult> VerifyAsync(Uri url, long bodyBytes, int fetches, CancellationToken token)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        int failures = 0;
        var detail = new List<string>();
        byte[] buffer = new byte[ChunkBytes];
        for (int i = 0; i < fetches; i++)
        {
            string? failure;
            try
            {
                failure = await FetchAsync(client, url, bodyBytes, buffer, token);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !token.IsCancellationRequested)
            {
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (failure is not null)
            {
                failures++;
                detail.Add($"GET {url}: {failure}");
            }
        }

        return new CheckResult(fetches, failures, string.Join("; ", detail.Distinct()));
    }

    private static async Task<string?> FetchAsync(HttpClient client, Uri url, long bodyBytes, byte[] buffer, CancellationToken token)
    {
        using HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength != bodyBytes)
        {
            return $"status {(int)response.StatusCode}, Content-Length {response.Content.Headers.ContentLength?.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected 200 and {bodyBytes}";
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(token);
        long offset = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, token)) > 0)
        {
            if (offset + read > bodyBytes)
            {
                return $"more than {bodyBytes} bytes";
            }

            if (FirstMismatch(buffer.AsSpan(0, read), offset) is var bad and >= 0)
            {
                return $"byte {offset + bad} is {buffer[bad]}, expected {(offset + bad) % Modulus}";
            }

            offset += read;
        }

        return offset == bodyBytes ? null : $"the body ended after {offset} of {bodyBytes} bytes";
    }
}
