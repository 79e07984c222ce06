using System.Security.Cryptography;

namespace BufferPool.LoadTests;

/// <summary>Which tool measures a scenario's throughput.</summary>
internal enum ThroughputTool
{
    /// <summary>
    /// wrk over HTTP/1.1, with a Lua check of every response; or, for a response of at least
    /// <see cref="Scenario.LargeResponseBytes"/>, a check of wrk's byte total and of full bodies fetched out of band.
    /// </summary>
    Wrk,

    /// <summary>h2load over cleartext HTTP/2 (prior knowledge), checked by its status counts and DATA bytes.</summary>
    H2Load,
}

/// <summary>
/// One load scenario: the request, its body, the Lua check that every response is intact (wrk), how many requests
/// each connection pipelines (wrk) or multiplexes (h2load), and the size every response body must have (h2load, and
/// wrk's large downloads, which are GET /bytes/{ResponseBytes}).
/// </summary>
internal sealed record Scenario(string Name, string Method, string Path, int BodyBytes, string Check, ThroughputTool Tool = ThroughputTool.Wrk, int Depth = 1, long ResponseBytes = 0)
{
    public static readonly Scenario[] All =
    [
        new("hello", "GET", "/hello", 0, "body == 'Hello, World!'"),

        // TechEmpower's plaintext test: 16 requests pipelined per connection, every response checked.
        new("plaintext", "GET", "/hello", 0, "body == 'Hello, World!'", Depth: 16),
        new("echo-4k", "POST", "/echo", 4 * 1024, "body == wrk.body"),
        new("echo-64k", "POST", "/echo", 64 * 1024, "body == wrk.body"),
        new("upload-1m", "POST", "/sha256", 1024 * 1024, "body == expected"),
        // Large downloads: no Lua check per body (see LargeResponseBytes); wrk's byte total and bodies fetched out of band.
        new("download-256k", "GET", "/bytes/262144", 0, "", ResponseBytes: 262144),
        new("download-1m", "GET", "/bytes/1048576", 0, "", ResponseBytes: 1048576),

        // HTTP/2 without TLS: h2load, 10 concurrent streams per connection, 64 KiB per response.
        new("h2-download-64k", "GET", "/bytes/65536", 0, "", ThroughputTool.H2Load, Depth: 10, ResponseBytes: 65536),
        new("json-1k", "GET", "/json/1000", 0, "body:sub(1, 9) == '[{\"id\":0,' and body:sub(-1) == ']'"),

        // MVC's ContentResult through HttpResponseStreamWriter, which rents from the container's ArrayPool<char> and <byte>.
        new("mvc-text-64k", "GET", "/text/65536", 0, "#body == 65536 and body:sub(1, 26) == 'abcdefghijklmnopqrstuvwxyz' and body:byte(65536) == 97 + 65535 % 26"),
        new("burst", "GET", "/bytes/262144", 0, "", ResponseBytes: 262144),
    ];

    /// <summary>
    /// A wrk scenario whose response body is at least this large gets no Lua <c>response()</c> hook: handing every
    /// body to Lua made wrk's one load core the bottleneck (docs/loadtest/results.csv: the server had 43 to 97% of its
    /// core in the 256 KiB and 1 MiB download trials, under 95% in 17 of 18, and 63 to 96% in the burst's). Its check
    /// is the byte total instead (<see cref="WrkScript"/>) and full bodies fetched out of band around the run
    /// (<see cref="DownloadCheck"/>). The 64 KiB wrk scenarios (echo-64k, mvc-text-64k: 87 to 98%, mostly at or over
    /// 95%) keep their body checks, which test more than a length (the echo byte for byte, the text's letters).
    /// </summary>
    public const long LargeResponseBytes = 128 * 1024;

    public bool IsBurst => Name == "burst";

    /// <summary>
    /// Checked by wrk's byte total and out of band rather than body by body in Lua: a wrk scenario with a response of at
    /// least <see cref="LargeResponseBytes"/>. Such a scenario is GET /bytes/{ResponseBytes} (byte i is i % 251).
    /// </summary>
    public bool ChecksByteTotal => Tool == ThroughputTool.Wrk && ResponseBytes >= LargeResponseBytes;

    /// <summary>A deterministic request body, and the hex SHA-256 that /sha256 must answer for it.</summary>
    public (byte[] Body, string Sha256) MakeBody()
    {
        var body = new byte[BodyBytes];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)('a' + (i * 7 % 26));
        }

        return (body, Convert.ToHexStringLower(SHA256.HashData(body)));
    }
}
