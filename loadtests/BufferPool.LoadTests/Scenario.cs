using System.Security.Cryptography;

namespace BufferPool.LoadTests;

/// <summary>One load scenario: the request, its body, and the Lua check that every response is intact.</summary>
internal sealed record Scenario(string Name, string Method, string Path, int BodyBytes, string Check)
{
    public static readonly Scenario[] All =
    [
        new("hello", "GET", "/hello", 0, "body == 'Hello, World!'"),
        new("echo-4k", "POST", "/echo", 4 * 1024, "body == wrk.body"),
        new("echo-64k", "POST", "/echo", 64 * 1024, "body == wrk.body"),
        new("upload-1m", "POST", "/sha256", 1024 * 1024, "body == expected"),
        new("download-256k", "GET", "/bytes/262144", 0, "#body == 262144 and body:byte(1001) == 1000 % 251"),
        new("download-1m", "GET", "/bytes/1048576", 0, "#body == 1048576 and body:byte(1048576) == 1048575 % 251"),
        new("json-1k", "GET", "/json/1000", 0, "body:sub(1, 9) == '[{\"id\":0,' and body:sub(-1) == ']'"),
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
