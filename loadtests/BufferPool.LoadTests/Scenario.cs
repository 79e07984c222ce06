using System.Security.Cryptography;

namespace BufferPool.LoadTests;

/// <summary>Which tool measures a scenario's throughput.</summary>
internal enum ThroughputTool
{
    /// <summary>wrk over HTTP/1.1, with a Lua check of every response.</summary>
    Wrk,

    /// <summary>h2load over cleartext HTTP/2 (prior knowledge), checked by its status counts and DATA bytes.</summary>
    H2Load,
}

/// <summary>
/// One load scenario: the request, its body, the Lua check that every response is intact (wrk), how many requests
/// each connection pipelines (wrk) or multiplexes (h2load), and the size every response body must have (h2load).
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
        new("download-256k", "GET", "/bytes/262144", 0, "#body == 262144 and body:byte(1001) == 1000 % 251"),
        new("download-1m", "GET", "/bytes/1048576", 0, "#body == 1048576 and body:byte(1048576) == 1048575 % 251"),

        // HTTP/2 without TLS: h2load, 10 concurrent streams per connection, 64 KiB per response.
        new("h2-download-64k", "GET", "/bytes/65536", 0, "", ThroughputTool.H2Load, Depth: 10, ResponseBytes: 65536),
        new("json-1k", "GET", "/json/1000", 0, "body:sub(1, 9) == '[{\"id\":0,' and body:sub(-1) == ']'"),

        // MVC's ContentResult through HttpResponseStreamWriter, which rents from the container's ArrayPool<char> and <byte>.
        new("mvc-text-64k", "GET", "/text/65536", 0, "#body == 65536 and body:sub(1, 26) == 'abcdefghijklmnopqrstuvwxyz' and body:byte(65536) == 97 + 65535 % 26"),
        new("burst", "GET", "/bytes/262144", 0, "#body == 262144"),
    ];

    public bool IsBurst => Name == "burst";

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
