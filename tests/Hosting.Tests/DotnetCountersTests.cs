using System.Diagnostics;
using BufferPool.Tests.Shared;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The README's dotnet-counters commands, against the running sample: <c>--counters BufferPool</c> shows the Meter's
/// instruments, per pool and owner; the EventCounters, summed over the process, are named in brackets. The tool is the
/// one pinned in .config/dotnet-tools.json, which <c>bash loadtests/install-tools.sh</c> restores; <c>collect</c> takes
/// the README's <c>--counters</c> argument as <c>monitor</c> does, read from the README, and writes what it saw to a file.
/// </summary>
public sealed class DotnetCountersTests
{
    /// <summary>Each <c>--counters</c> argument of a <c>dotnet-counters monitor</c> line in the README, in order.</summary>
    private static readonly string[] ReadmeCounters =
    [
        .. File.ReadLines(Path.Combine(SampleProcess.Repository, "README.md"))
            .Where(l => l.StartsWith("dotnet-counters monitor", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("--counters ", StringComparison.Ordinal) + "--counters ".Length)..].Trim().Trim('\'')),
    ];

    // The display names of the EventCounters the README names in brackets.
    private static readonly Dictionary<string, string> DisplayNames = new()
    {
        ["superblock-count"] = "Superblocks held",
        ["superblock-reserved-bytes"] = "Bytes reserved in superblocks",
        ["superblock-committed-bytes"] = "Bytes of superblocks resident (not given back to the OS)",
        ["in-use-bytes"] = "Bytes rented out",
        ["rent-rate"] = "Rents",
        ["fallback-rate"] = "Rents served outside the pool",
    };

    [DotnetCountersFact]
    public async Task CountersBufferPool_ShowsTheMetersInstruments_PerPoolAndOwner()
    {
        await using SampleProcess sample = SampleProcess.Start("WebApi", static _ => { }, "--urls", "http://127.0.0.1:0");
        await sample.WaitForLineAsync("BufferPool:Kind=", TimeSpan.FromSeconds(60));

        Assert.Equal("BufferPool", ReadmeCounters[0]);
        string csv = await CollectAsync(sample.Id, ReadmeCounters[0]);

        Assert.Contains("bufferpool.in_use (By)[bufferpool.kind=small-block;bufferpool.owner=app]", csv);
        Assert.Contains("bufferpool.superblock.reserved (By)[bufferpool.kind=small-block;bufferpool.owner=app]", csv);
        Assert.Contains("bufferpool.superblock.committed (By)[bufferpool.kind=small-block;bufferpool.owner=app]", csv);
        Assert.Contains("bufferpool.array.reserved (By)[bufferpool.element_type=char;bufferpool.kind=small-block-array;bufferpool.owner=app]", csv);
    }

    [DotnetCountersFact]
    public async Task CountersInBrackets_ShowTheEventCounters()
    {
        await using SampleProcess sample = SampleProcess.Start("WebApi", static _ => { }, "--urls", "http://127.0.0.1:0");
        await sample.WaitForLineAsync("BufferPool:Kind=", TimeSpan.FromSeconds(60));

        string counters = ReadmeCounters[1];
        string csv = await CollectAsync(sample.Id, counters);

        string[] named = counters["BufferPool[".Length..^1].Split(',');
        Assert.NotEmpty(named);
        foreach (string counter in named.Select(n => DisplayNames[n]))
        {
            Assert.True(csv.Contains($"BufferPool,{counter}", StringComparison.Ordinal), $"no {counter} in:\n{csv}");
        }
    }

    private static async Task<string> CollectAsync(int processId, string counters)
    {
        string output = Path.Combine(Directory.CreateTempSubdirectory("bufferpool-counters-").FullName, "counters.csv");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SampleProcess.Repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "dotnet-counters", "collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--counters", counters, "--refresh-interval", "1", "--format", "csv", "-o", output, "--duration", "00:00:06" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process tool = Process.Start(start)!;
        Task<string> stdout = tool.StandardOutput.ReadToEndAsync(), stderr = tool.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await tool.WaitForExitAsync(timeout.Token);
        Assert.True(tool.ExitCode == 0 && File.Exists(output), $"dotnet-counters exited with {tool.ExitCode}: {await stdout} {await stderr}");
        return await File.ReadAllTextAsync(output);
    }
}

/// <summary>A test that runs dotnet-counters: skipped, and says so, where the local tool is not restored.</summary>
public sealed class DotnetCountersFactAttribute : FactAttribute
{
    public DotnetCountersFactAttribute()
    {
        string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(Path.Combine(home, "dotnet-counters", "10.0.750501")))
        {
            Skip = "dotnet-counters is not restored: bash loadtests/install-tools.sh (or dotnet tool restore)";
        }
    }
}
