using System.Diagnostics;
using BufferPool.ThreadCaching;

namespace BufferPool.Tests.ThreadCaching;

public sealed class RentSamplerTests
{
    [Fact]
    public void RateOne_TracksEveryRent()
    {
        var sampler = new RentSampler();
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(sampler.Hit(1)));
    }

    [Fact]
    public void AboveRateOne_AThreadTracksAtMostOneRentPerInterval_HoweverHotThePath()
    {
        // One rent in 2 would be 500,000 tracked rents here; the per-thread budget allows one per 10 ms.
        var sampler = new RentSampler();
        var clock = Stopwatch.StartNew();
        int hits = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            hits += sampler.Hit(2) ? 1 : 0;
        }

        double intervals = clock.Elapsed.TotalMilliseconds / RentSampler.MinimumIntervalMilliseconds;
        Assert.InRange(hits, 1, (int)intervals + 1);
    }

    [Fact]
    public void SparseRents_AreTrackedAtTheRate()
    {
        // Rents further apart than the interval are tracked at about one in 4; the first gap only arms the count.
        var sampler = new RentSampler();
        int hits = 0;
        for (int i = 0; i < 40; i++)
        {
            Thread.Sleep(RentSampler.MinimumIntervalMilliseconds + 2);
            hits += sampler.Hit(4) ? 1 : 0;
        }

        Assert.InRange(hits, 2, 25);
    }
}
