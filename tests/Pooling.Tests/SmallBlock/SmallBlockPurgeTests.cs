using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.SmallBlock;

/// <summary>Free blocks and released superblocks give their pages back to the OS, and never a block a lease holds.</summary>
public sealed class SmallBlockPurgeTests
{
    [DecommitFact]
    public async Task DecommitRacingWithRents_NoStampBroken_NoBlockDecommittedWhileRented()
    {
        // Small superblocks of few blocks, no thread cache and a purge delay of 0: blocks empty, retire, are purged and
        // taken again all the time while the workers hold stamped buffers.
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions
        {
            SuperBlockSize = 64 * 1024,
            BlockSize = 16 * 1024,
            RetainedSuperBlocks = 2,
            ThreadCacheSize = 0,
            PurgeDelay = TimeSpan.Zero,
        });

        DecommitRaceResult result = await DecommitRace.RunAsync(
            pool, hook => pool.Engine.Decommitting = hook, [64, 1000, 4096, 5000, 9000, 16 * 1024], held: 4, TimeSpan.FromSeconds(3), minDecommits: 200);

        Assert.Empty(result.Failures);
        Assert.True(result.Verified > 1000, $"only {result.Verified} buffers verified");
        Assert.True(result.Decommits > 100, $"only {result.Decommits} decommits raced with the rents");
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [LinuxTheory]
    [InlineData(0, true)]
    [InlineData(3_600_000, false)]
    [InlineData(-1, false)]
    public void Trim_DecommitsTheRetainedSuperblocksFreeBlocks_OnlyOnceIdleForThePurgeDelay(int delayMilliseconds, bool purged)
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { PurgeDelay = TimeSpan.FromMilliseconds(delayMilliseconds), ThreadCacheSize = 0 });
        var leases = Enumerable.Range(0, 32).Select(_ => pool.Rent(64 * 1024)).ToList();
        leases.ForEach(lease => lease.Memory.Span.Fill(0xAB));
        leases.ForEach(lease => lease.Dispose());

        // Two superblocks: one released (decommitted whatever the delay), one retained, its 16 free blocks purged only
        // when they have been idle for the delay (0: at once; an hour or never: not at all).
        Assert.Equal(1 << 20, pool.Trim());
        BufferPoolStatistics trimmed = pool.GetStatistics();
        Assert.Equal(1 << 20, trimmed.ReservedBytes);
        Assert.Equal(purged ? 0 : 1 << 20, trimmed.CommittedBytes);
        Assert.Equal(purged ? 1 + 16 : 1, trimmed.DecommitCount);

        // A rent takes a block back: it counts as committed whole, and its memory works (zeros where it was purged).
        using var again = pool.Rent(64 * 1024);
        Assert.Equal(purged ? 64 * 1024 : 1 << 20, pool.GetStatistics().CommittedBytes);
        Assert.Equal(purged, !again.Memory.Span.ContainsAnyExcept((byte)0));
        again.Memory.Span.Fill(0x77);
        Assert.False(again.Memory.Span.ContainsAnyExcept((byte)0x77));
    }
}
