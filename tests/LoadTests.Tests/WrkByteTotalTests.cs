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
        // Eight connections, each response paused halfway: at the end of the run wrk is part way through several
        // responses, whose bytes it counts, and which must not fail the check.
        await using BytesServer server = BytesServer.Intact(TimeSpan.FromMilliseconds(50));

        LoadResult result = await RunAsync(server, 8);

        Assert.True(result.Requests > 0, result.Check);
        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures == 0, result.Check);
        Assert.Contains("within", result.Check, StringComparison.Ordinal);
    }

    [WrkFact]
    public async Task ShortBodies_FailTheByteTotal()
    {
        // The probe (the first request) is intact; every response wrk gets is a well-formed 200 whose body (and
        // Content-Length) is 1 KiB: no error, no Lua hook, only the byte total can tell, and it can from the first
        // response on. (A thinner shortfall, say 64 KiB of 256 KiB, shows only once the responses outnumber the
        // connections enough, which a 1 s run on a busy machine does not always get to.)
        await using BytesServer server = BytesServer.Start((_, number, body) => Task.FromResult(number == 0 ? body : body[..1024]));

        LoadResult result = await RunAsync(server, 2);

        Assert.True(result.Requests > 0, result.Check);
        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures > 0, result.Check);
        Assert.Contains("outside", result.Check, StringComparison.Ordinal);
    }

    [WrkFact]
    public async Task LongBodies_FailTheByteTotal()
    {
        // Four times the body: more than the two connections' allowance for partly read responses, from one response on.
        await using BytesServer server = BytesServer.Start((_, number, body) => Task.FromResult(number == 0 ? body : [.. body, .. body, .. body, .. body]));

        LoadResult result = await RunAsync(server, 2);

        Assert.True(result.Requests > 0, result.Check);
        Assert.Equal(0, result.Errors);
        Assert.True(result.IntegrityFailures > 0, result.Check);
    }

    /// <summary>
    /// wrk for 2 s, again (at most twice more) if it completed no response at all: on this busy 2-core machine a run
    /// now and then got no response in its time, and a run without responses shows nothing either way.
    /// </summary>
    private static async Task<LoadResult> RunAsync(BytesServer server, int connections)
    {
        string work = Directory.CreateTempSubdirectory("bufferpool-wrk-").FullName;
        try
        {
            LoadResult result;
            int attempts = 0;
            do
            {
                result = await Wrk.RunAsync(server.Address, Download256k, connections, TimeSpan.FromSeconds(2), work, CancellationToken.None);
            }
            while (result.Requests == 0 && ++attempts < 3);

            return result;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
