namespace BufferPool.Tests.Primitives;

/// <summary>
/// Idle memory leaves the process: what <c>Trim()</c> releases or purges is given back to the OS at the trim, measured
/// as a child process's RSS, and a stale <see cref="Memory{T}"/> over decommitted pages stays usable.
/// </summary>
public sealed class PageDecommitTests
{
    [LinuxTheory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task RentReturnTrim_RssFallsByNinetyPercentOfWhatTheRentsAdded_WithoutAnyGc(string kind)
    {
        // 256 MiB rented and written, all returned, one Trim(); the probe calls no GC, so a superblock that only became
        // garbage would still be resident.
        Dictionary<string, long> f = await RssProbe.RunAsync(kind, "256");
        long added = f["peak"] - f["before"], fallen = f["peak"] - f["after"];
        Assert.True(added >= 200L << 20, $"the rents added only {added >> 20} MiB of RSS");
        Assert.True(fallen >= added * 9 / 10,
            $"{kind}: RSS {f["before"] >> 20} MiB before, {f["peak"] >> 20} at the peak, {f["after"] >> 20} after Trim(): it fell by "
            + $"{fallen * 100 / added}% of the {added >> 20} MiB the rents added (pool committed {f["committed"] >> 20} MiB, {f["decommits"]} decommits)");
        Assert.True(f["decommits"] > 0);
    }

    [LinuxTheory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task StaleMemory_ReadAndWrittenAfterItsPagesWereDecommitted_DoesNotCrashTheProcess(string kind)
    {
        // The probe exits 0 only if it survived; every stale buffer read zeros (its pages were really given back, in
        // place or with a released superblock) and kept what was written to it afterwards.
        Dictionary<string, long> f = await RssProbe.RunAsync("stale", kind);
        Assert.Equal(f["stale"], f["zeroed"]);
        Assert.Equal(f["stale"], f["rewritten"]);
        Assert.Equal(0, f["committed"]);
    }
}
