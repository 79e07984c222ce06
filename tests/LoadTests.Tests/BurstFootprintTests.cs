namespace BufferPool.LoadTests.Tests;

/// <summary>The burst's footprint: RSS before, at the peak and after, the share of the growth held, and the pool figures.</summary>
public sealed class BurstFootprintTests
{
    private static readonly TimeSpan TrimPeriod = TimeSpan.FromSeconds(5);

    // One round of one pool: 100 MB before, 140 at the peak under load, the load stops at 20 s, then RSS and the pool's
    // committed bytes fall; two trim periods after the stop (30 s) RSS is 104, at the end (50 s) 102.
    private static IEnumerable<BurstSample> Round(int round, string pool, bool measured, double shift = 0) =>
    [
        Sample(round, pool, 0, 100 + shift, 1, 1, true, measured),
        Sample(round, pool, 10, 140 + shift, 30, 30, true, measured),
        Sample(round, pool, 20, 130 + shift, 30, 30, false, measured),
        Sample(round, pool, 25, 120 + shift, 8, 8, false, measured),
        Sample(round, pool, 30, 104 + shift, 2, 0.5, false, measured),
        Sample(round, pool, 50, 102 + shift, 1, 0.3, false, measured),
    ];

    private static BurstSample Sample(int round, string pool, double seconds, double rss, double reserved, double committed, bool underLoad, bool measured) =>
        new(round, pool, seconds, rss, measured ? reserved : null, measured ? committed : null, underLoad, 50);

    [Fact]
    public void Footprint_ReadsBeforePeakTwoPeriodsAndEnd_AndTheShareOfTheGrowthHeld()
    {
        BurstFootprint f = Assert.Single(BurstFootprint.From([.. Round(1, "small-block", measured: true)], TrimPeriod));

        Assert.Equal((100, 140, 104, 102), (f.RssBeforeMb, f.RssPeakMb, f.RssAfterTwoPeriodsMb, f.RssEndMb));
        Assert.Equal(0.10, f.HeldAfterTwoPeriods, 6);
        Assert.Equal(0.05, f.HeldAtEnd, 6);
        Assert.Equal((30.0, 1.0), (f.ReservedPeakMb!.Value, f.ReservedEndMb!.Value));
        Assert.Equal((30.0, 0.5, 0.3), (f.CommittedPeakMb!.Value, f.CommittedAfterTwoPeriodsMb!.Value, f.CommittedEndMb!.Value));
        Assert.Equal(0.5 / 30, f.CommittedShareAfterTwoPeriods!.Value, 6);
        Assert.Equal(50, f.GcCommittedEndMb);
    }

    [Fact]
    public void Footprint_IsTheMedianOverRounds()
    {
        BurstFootprint f = Assert.Single(BurstFootprint.From(
            [.. Round(1, "bitmap", true, shift: 0), .. Round(2, "bitmap", true, shift: 10), .. Round(3, "bitmap", true, shift: 30)], TrimPeriod));

        Assert.Equal(3, f.Rounds);
        Assert.Equal((110, 150, 112), (f.RssBeforeMb, f.RssPeakMb, f.RssEndMb));
    }

    [Fact]
    public void KestrelsPool_HasNoPoolFigures_AndTheReportSaysNotMeasured()
    {
        BurstSample[] burst = [.. Round(1, "default", measured: false), .. Round(1, "small-block", measured: true)];
        List<BurstFootprint> rows = BurstFootprint.From(burst, TrimPeriod);

        Assert.Null(rows[0].ReservedPeakMb);
        Assert.Null(rows[0].CommittedShareAfterTwoPeriods);
        Assert.Equal(0.10, rows[0].HeldAfterTwoPeriods, 6);
        string table = MarkdownReport.BurstSummary(burst, TrimPeriod);
        Assert.True(table.Contains("| default | 1 | 100 | 140 | 104 | 102 | 10 % | 5 % | not measured | not measured | not measured | 50 |", StringComparison.Ordinal), table);
        Assert.True(table.Contains("| small-block | 1 | 100 | 140 | 104 | 102 | 10 % | 5 % | 30.0 → 1.0 | 30.0 → 0.5 → 0.3 | 2 % | 50 |", StringComparison.Ordinal), table);
    }
}
