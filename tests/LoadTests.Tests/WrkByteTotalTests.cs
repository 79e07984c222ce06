using System.Text.RegularExpressions;

namespace BufferPool.LoadTests.Tests;

/// <summary>
/// The large downloads' wrk check: no Lua response() hook, and a byte total that must come to the exact response size
/// times the responses (with room only for responses still being read at the end), which fails on short bodies.
/// </summary>
public sealed class WrkByteTotalTests
{
    private static Scenario Download256k => Scenario.All.Single(s => s.Name == "download-256k");

    [Fact]
    public void TheLargeDownloads_AreCheckedByTheirByteTotal_AndAreAllGetBytes()
    {
        Scenario[] large = [.. Scenario.All.Where(s => s.ChecksByteTotal)];

        Assert.Equal(["download-256k", "download-1m", "burst"], large.Select(s => s.Name));
        Assert.All(large, s => Assert.Equal(("GET", $"/bytes/{s.ResponseBytes}"), (s.Method, s.Path)));
        Assert.All(Scenario.All.Where(s => s.Tool == ThroughputTool.Wrk && !s.ChecksByteTotal), s => Assert.NotEqual("", s.Check));
    }

    [Fact]
    public void ByteTotalScript_HasNoResponseFunction_OthersDo()
    {
        // wrk buffers every response for Lua as soon as the script defines a global named response, in any way.
        string code = WithoutComments(WrkScript.ForByteTotal(Download256k, 262144 + 137, 64));

        Assert.DoesNotMatch(@"\bresponse\b", code);
        Assert.Contains("local each = 262281", code, StringComparison.Ordinal);
        Assert.Contains("local connections = 64", code, StringComparison.Ordinal);
        Assert.Contains("summary.bytes", code, StringComparison.Ordinal);
        Assert.All(Scenario.All.Where(s => s.Tool == ThroughputTool.Wrk && !s.ChecksByteTotal),
            s => Assert.Matches(@"\bfunction response\(status, headers, body\)", WithoutComments(WrkScript.For(s, "body", "sha"))));
    }

    private static string WithoutComments(string lua) => Regex.Replace(lua, "--[^\n]*", "");

    [Theory]
    [InlineData(1000, 1000 * 262281L, 0)]
    [InlineData(1000, (1000 * 262281L) + (64 * 262280L), 0)]
    [InlineData(1000, (1000 * 262281L) - 1, 1)]
    [InlineData(1000, (1000 * 262281L) - (3 * 262281L), 3)]
    [InlineData(1000, (1000 * 262281L) + (64 * 262280L) + 1, 1)]
    public void Parse_CountsAByteTotalOutsideItsRange_AsIntegrityFailures(long requests, long bytes, long failures)
    {
        // What the script's done() computes, as it prints it; here the Lua arithmetic's output is taken as given.
        long low = requests * 262281, high = low + (64 * 262280L);
        long failed = bytes < low ? Math.Max(1, (low - bytes + 262280) / 262281) : bytes > high ? Math.Max(1, (bytes - high + 262280) / 262281) : 0;
        string line = $$"""JSON{"requests":{{requests}},"duration_us":2000000,"errors":0,"p50_us":1,"p99_us":2,"max_us":3,"integrity_failures":{{failed}},"checked":{{requests}},"check":"bytes","bytes":{{bytes}},"bytes_low":{{low}},"bytes_high":{{high}},"response_bytes":262281,"connect":0,"read":0,"write":0,"status":0,"timeout":0}""";

        LoadResult result = Wrk.Parse("Running 2s test\n" + line + "\n", new HeaderProbe(137, null));

        Assert.Equal(failures, result.IntegrityFailures);
        Assert.Equal(500, result.Rps);
        Assert.Contains($"byte total of {requests} responses of 262281 B: {bytes} B read, {(failures > 0 ? "outside" : "within")}", result.Check, StringComparison.Ordinal);
        Assert.EndsWith("probe: 137 B of headers, body intact", result.Check, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AWrongProbe_IsAnIntegrityFailure()
    {
        const string line = """JSON{"requests":10,"duration_us":1000000,"errors":0,"p50_us":1,"p99_us":2,"max_us":3,"integrity_failures":0,"checked":10,"check":"bytes","bytes":100,"bytes_low":100,"bytes_high":190,"response_bytes":10,"connect":0,"read":0,"write":0,"status":0,"timeout":0}""";

        LoadResult result = Wrk.Parse(line, new HeaderProbe(5, "byte 3 is 0, expected 3"));

        Assert.Equal(1, result.IntegrityFailures);
        Assert.Contains("byte 3 is 0, expected 3", result.Check, StringComparison.Ordinal);
    }

    [WrkFact]
    public async Task IntactDownloads_PassTheByteTotal()
    {
        await using BytesServer server = BytesServer.Intact();

        LoadResult result = await RunAsync(server);

        Assert.True(result.Requests > 0, result.Check);
        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures == 0, result.Check);
        Assert.Contains("within", result.Check, StringComparison.Ordinal);
    }

    [WrkFact]
    public async Task ShortBodies_FailTheByteTotal()
    {
        // The probe (the first request) is intact; every response wrk gets is a well-formed 200 whose body (and
        // Content-Length) is 64 KiB short: no error, no Lua hook, only the byte total can tell. (A shortfall that
        // small per response is seen once the requests outnumber the connections by 4 to 1: here 2 connections.)
        await using BytesServer server = BytesServer.Start((_, number, body) => Task.FromResult(number == 0 ? body : body[..^65536]));

        LoadResult result = await RunAsync(server);

        Assert.True(result.Requests > 0, result.Check);
        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures > 0, result.Check);
        Assert.Contains("outside", result.Check, StringComparison.Ordinal);
    }

    [WrkFact]
    public async Task LongBodies_FailTheByteTotal()
    {
        await using BytesServer server = BytesServer.Start((_, number, body) => Task.FromResult(number == 0 ? body : [.. body, .. body[..65536]]));

        LoadResult result = await RunAsync(server);

        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures > 0, result.Check);
    }

    private static async Task<LoadResult> RunAsync(BytesServer server)
    {
        string work = Directory.CreateTempSubdirectory("bufferpool-wrk-").FullName;
        try
        {
            return await Wrk.RunAsync(server.Address, Download256k, 2, TimeSpan.FromSeconds(1), work, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

/// <summary>A test that drives wrk: skipped, and says so, where wrk is not installed (bash loadtests/install-tools.sh).</summary>
public sealed class WrkFactAttribute : FactAttribute
{
    public WrkFactAttribute()
    {
        if (ToolPaths.Which("wrk") is null)
        {
            Skip = "wrk is not installed: bash loadtests/install-tools.sh";
        }
    }
}
