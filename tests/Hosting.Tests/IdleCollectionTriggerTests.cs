using BufferPool.Hosting;

namespace BufferPool.Hosting.Tests;

/// <summary>One collection after a burst, at the first idle period; none under steady load or after a small burst.</summary>
public sealed class IdleCollectionTriggerTests
{
    private const long MiB = 1024 * 1024;

    // Each figure is one period's activity (rented plus allocated bytes); the trigger sees the running total.
    private static bool[] Run(params long[] periods)
    {
        var trigger = new IdleCollectionTrigger();
        long total = 0;
        return [.. periods.Select(p => trigger.Observe(total += p))];
    }

    [Fact]
    public void ABurstThenQuiet_CollectsOnce_AtTheFirstIdlePeriod() =>
        Assert.Equal([false, false, false, true, false, false], Run(0, 20 * MiB, 30 * MiB, 100 * 1024, 0, 0));

    [Fact]
    public void SteadyLoad_NeverCollects() =>
        Assert.DoesNotContain(true, Run([.. Enumerable.Repeat(10 * MiB, 50)]));

    [Fact]
    public void ABurstBelowTheThreshold_DoesNotCollect() =>
        Assert.DoesNotContain(true, Run(0, 4 * MiB, 0, 0, 0));

    [Fact]
    public void TheFirstPeriod_HasNoBaseline_AndIsNotCalledIdle() =>
        Assert.Equal([false, false], Run(100 * MiB, 0));
}
