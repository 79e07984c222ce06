namespace BufferPool.LoadTests;

/// <summary>
/// What the burst left behind, per pool, as medians over the rounds: the server's RSS before the burst (the timeline's
/// first sample), at its peak, two trim periods after the load stopped and at the end of the idle period, with the
/// share of the burst's growth (peak less before) still held at those two moments; the pools' reserved and committed
/// bytes at the peak and the same moments (null for <c>default</c>: not measured); the GC's committed bytes at the end.
/// </summary>
internal sealed record BurstFootprint(
    string Pool,
    int Rounds,
    double RssBeforeMb,
    double RssPeakMb,
    double RssAfterTwoPeriodsMb,
    double RssEndMb,
    double HeldAfterTwoPeriods,
    double HeldAtEnd,
    double? ReservedPeakMb,
    double? ReservedEndMb,
    double? CommittedPeakMb,
    double? CommittedAfterTwoPeriodsMb,
    double? CommittedEndMb,
    double GcCommittedEndMb)
{
    /// <summary>Committed bytes two trim periods after the load stopped, as a share of their peak; null when not measured.</summary>
    public double? CommittedShareAfterTwoPeriods => CommittedPeakMb > 0 ? CommittedAfterTwoPeriodsMb / CommittedPeakMb : null;

    /// <summary>One row per pool, in the order the pools first appear in <paramref name="burst"/>.</summary>
    /// <param name="burst">Every round's timeline.</param>
    /// <param name="trimPeriod">The servers' trimming period.</param>
    public static List<BurstFootprint> From(IReadOnlyList<BurstSample> burst, TimeSpan trimPeriod)
    {
        var rows = new List<BurstFootprint>();
        foreach (IGrouping<string, BurstSample> pool in burst.GroupBy(b => b.Pool))
        {
            List<Round> rounds = [.. pool.GroupBy(b => b.Round).Select(r => Round.Of([.. r.OrderBy(b => b.Seconds)], trimPeriod))];
            bool measured = rounds.All(r => r.Peak.Reserved is not null);
            rows.Add(new BurstFootprint(
                pool.Key,
                rounds.Count,
                Median(rounds, r => r.Before.RssMb),
                Median(rounds, r => r.PeakRss),
                Median(rounds, r => r.AfterTwoPeriods.RssMb),
                Median(rounds, r => r.End.RssMb),
                Median(rounds, r => Held(r, r.AfterTwoPeriods.RssMb)),
                Median(rounds, r => Held(r, r.End.RssMb)),
                measured ? Median(rounds, r => r.Peak.Reserved!.Value) : null,
                measured ? Median(rounds, r => r.End.PoolReservedMb!.Value) : null,
                measured ? Median(rounds, r => r.Peak.Committed!.Value) : null,
                measured ? Median(rounds, r => r.AfterTwoPeriods.PoolCommittedMb!.Value) : null,
                measured ? Median(rounds, r => r.End.PoolCommittedMb!.Value) : null,
                Median(rounds, r => r.End.GcCommittedMb)));
        }

        return rows;
    }

    private static double Held(Round round, double rss) => round.PeakRss > round.Before.RssMb ? (rss - round.Before.RssMb) / (round.PeakRss - round.Before.RssMb) : 0;

    private static double Median(List<Round> rounds, Func<Round, double> read) => Stats.Median(rounds.Select(read));

    /// <summary>One round's timeline, ordered by time, read at the moments the footprint reports.</summary>
    private sealed record Round(BurstSample Before, double PeakRss, (double? Reserved, double? Committed) Peak, BurstSample AfterTwoPeriods, BurstSample End)
    {
        public static Round Of(BurstSample[] samples, TimeSpan trimPeriod)
        {
            // The load stops at the first sample taken after it; with none (a timeline cut short), at the last.
            double stop = samples.FirstOrDefault(b => !b.UnderLoad)?.Seconds ?? samples[^1].Seconds;
            double twoPeriods = stop + 2 * trimPeriod.TotalSeconds;
            BurstSample after = samples.FirstOrDefault(b => b.Seconds >= twoPeriods) ?? samples[^1];
            return new Round(
                samples[0],
                samples.Max(b => b.RssMb),
                (samples.Max(b => b.PoolReservedMb), samples.Max(b => b.PoolCommittedMb)),
                after,
                samples[^1]);
        }
    }
}
