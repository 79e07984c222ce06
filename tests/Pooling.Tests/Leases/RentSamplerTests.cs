using System.Diagnostics;
using BufferPool.Leases;

namespace BufferPool.Tests.Leases;

public sealed class RentSamplerTests
{
    [Fact]
    public void RateOne_TracksEveryRent()
    {
        uint all = RentSampler.Threshold(1);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(RentSampler.Hit(all)));
    }

    [Fact]
    public void AboveRateOne_EachThreadTracksAtMostOneRentPerInterval_HoweverHotThePath()
    {
        // One rent in 2 would be 500,000 tracked rents here; the per-thread budget allows one per 10 ms.
        uint half = RentSampler.Threshold(2);
        var clock = Stopwatch.StartNew();
        int hits = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            hits += RentSampler.Hit(half) ? 1 : 0;
        }

        double intervals = clock.Elapsed / RentSampler.MinimumInterval;
        Assert.InRange(hits, 1, (int)intervals + 1);
    }

    [Fact]
    public void Sampling_StillFollowsTheRate_WhenRentsAreSparse()
    {
        // Rents further apart than the interval are tracked at the configured rate, about one in 4 here.
        uint quarter = RentSampler.Threshold(4);
        int hits = 0;
        for (int i = 0; i < 40; i++)
        {
            Thread.Sleep(RentSampler.MinimumInterval + TimeSpan.FromMilliseconds(2));
            hits += RentSampler.Hit(quarter) ? 1 : 0;
        }

        Assert.InRange(hits, 1, 25);
    }
}
