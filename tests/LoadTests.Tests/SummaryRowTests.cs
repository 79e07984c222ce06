namespace BufferPool.LoadTests.Tests;

public sealed class SummaryRowTests
{
    [Fact]
    public void Ratio_IsOfTheMedians_RangeFromPerRoundRatios_NoiseFromOverlap()
    {
        Trial[] trials =
        [
            Trial(1, "default", 100), Trial(2, "default", 110), Trial(3, "default", 90),
            Trial(1, "small-block", 120), Trial(2, "small-block", 121), Trial(3, "small-block", 126),
            Trial(1, "bitmap", 95), Trial(2, "bitmap", 105), Trial(3, "bitmap", 100),
        ];

        List<SummaryRow> rows = SummaryRow.From(trials, ["hello"], ["default", "small-block", "bitmap"]);

        SummaryRow baseline = rows.Single(r => r.Pool == "default");
        Assert.Equal(1.0, baseline.Ratio);
        Assert.Null(baseline.WithinNoise);
        SummaryRow small = rows.Single(r => r.Pool == "small-block");
        Assert.Equal(121, small.Rps);
        Assert.Equal((120.0, 126.0), (small.RpsMin, small.RpsMax));
        Assert.Equal(121.0 / 100, small.Ratio!.Value, 6);
        Assert.Equal(121.0 / 110, small.RatioMin!.Value, 6);
        Assert.Equal(126.0 / 90, small.RatioMax!.Value, 6);
        Assert.False(small.WithinNoise);
        Assert.True(rows.Single(r => r.Pool == "bitmap").WithinNoise);
    }

    [Fact]
    public void Saturation_And_PerRequestFigures()
    {
        Trial t = Trial(1, "default", 1000) with { CpuSeconds = 0.9, WallSeconds = 1.0, Requests = 1000, Gen0 = 5, AllocatedBytes = 2048 * 1000 };

        Assert.Equal(0.9, t.Saturation, 6);
        Assert.True(t.Unsaturated);
        Assert.Equal(900, t.CpuMicrosecondsPerRequest, 6);
        Assert.Equal(5, t.PerThousandRequests(t.Gen0), 6);
        Assert.Equal(2, t.AllocatedKbPerRequest, 6);
        Assert.False((t with { CpuSeconds = 0.97 }).Unsaturated);
    }

    private static Trial Trial(int round, string pool, double rps) =>
        new(round, 1, pool, "hello", rps, (long)rps, 1, 2, 3, 0, 0, 1, 1, 0, 0, 0, 0, 0, 100, 100, 0);
}
