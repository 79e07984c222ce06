using System.CommandLine;

namespace BufferPool.LoadTests.Tests;

/// <summary>The runner's command line: typed values, ranges and unknown options are errors; defaults per mode.</summary>
public sealed class CommandLineTests
{
    private RunnerOptions? _http;
    private RespOptions? _resp;

    [Theory]
    [InlineData("--connections", "abc", "--connections: 'abc'")]
    [InlineData("--connections", "0", "--connections: '0'")]
    [InlineData("--rounds", "-1", "--rounds: '-1'")]
    [InlineData("--duration", "ten", "--duration: 'ten'")]
    [InlineData("--duration", "0s", "--duration: '0s'")]
    [InlineData("--pools", "default,nope", "unknown value 'nope'")]
    [InlineData("--scenarios", "hello,nope", "unknown value 'nope'")]
    [InlineData("--sizes", "64,x", "--sizes: 'x'")]
    public void BadValues_AreParseErrors_NotExceptions(string option, string value, string expected)
    {
        ParseResult result = Create().Parse([option, value]);

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownOption_IsAnError()
    {
        ParseResult result = Create().Parse(["--quick", "--bogus"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("--bogus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadValues_ExitNonZero_WithoutRunning()
    {
        int exit = await Create().Parse(["--connections", "abc"]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

        Assert.NotEqual(0, exit);
        Assert.Null(_http);
    }

    [Fact]
    public async Task Quick_IsOneShortRound_OfEveryPoolAndScenario()
    {
        Assert.Equal(0, await Create().Parse(["--quick", "--output", "out"]).InvokeAsync());

        RunnerOptions o = Assert.IsType<RunnerOptions>(_http);
        Assert.True(o.Quick);
        Assert.True(o.TooShortToCompare);
        Assert.Equal(1, o.Rounds);
        Assert.Equal(TimeSpan.FromSeconds(2), o.Duration);
        Assert.Equal(RunnerOptions.AllPools, o.Pools);
        Assert.Equal(Scenario.All.Select(s => s.Name), o.Scenarios.Select(s => s.Name));
        Assert.Equal("out", o.Output);
    }

    [Fact]
    public async Task FullRun_Defaults_AndTypedValues()
    {
        Assert.Equal(0, await Create().Parse(["--pools", "small-block,default", "--scenarios", "burst,plaintext", "--duration", "15s", "--warmup", "45", "--rounds", "4", "--connections", "32"]).InvokeAsync());

        RunnerOptions o = Assert.IsType<RunnerOptions>(_http);
        Assert.False(o.TooShortToCompare);
        Assert.Equal(["small-block", "default"], o.Pools);
        Assert.Equal(["plaintext", "burst"], o.Scenarios.Select(s => s.Name));
        Assert.Equal(TimeSpan.FromSeconds(15), o.Duration);
        Assert.Equal(TimeSpan.FromSeconds(45), o.Warmup);
        Assert.True(o.WarmupLimit > o.Warmup);
        Assert.Equal(4, o.Rounds);
        Assert.Equal(32, o.Connections);
    }

    [Fact]
    public async Task Resp_GoesToTheRespRunner()
    {
        Assert.Equal(0, await Create().Parse(["--resp", "--quick", "--sizes", "64,4096", "--clients", "8"]).InvokeAsync());

        Assert.Null(_http);
        RespOptions o = Assert.IsType<RespOptions>(_resp);
        Assert.Equal([64, 4096], o.Sizes);
        Assert.Equal(8, o.Clients);
        Assert.Equal(2000, o.Requests);
        Assert.Equal(1, o.Rounds);
    }

    private RootCommand Create() => CommandLine.Create(
        (options, _) =>
        {
            _http = options;
            return Task.FromResult(0);
        },
        (options, _) =>
        {
            _resp = options;
            return Task.FromResult(0);
        });
}
