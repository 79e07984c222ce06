using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Bitmap;

/// <summary>Idle super blocks give their pages back to the OS, and never one that a lease can reach.</summary>
public sealed class BitmapPurgeTests
{
    [DecommitFact]
    public async Task DecommitRacingWithRents_NoStampBroken_NoBlockDecommittedWhileRented()
    {
        // No thread cache, a purge delay of 0 and small super blocks: they empty, go to the Free List Store, are purged
        // or released, and come back from the store all the time while the workers hold stamped blocks.
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions
        {
            BlockSize = 4096,
            InitialBlocksPerSuperBlock = 64,
            MaxBlocksPerSuperBlock = 64,
            RetainedFreeListEntries = 2,
            ThreadCacheSize = 0,
            PurgeDelay = TimeSpan.Zero,
        });

        DecommitRaceResult result = await DecommitRace.RunAsync(pool, hook => pool.Engine.Decommitting = hook, [100, 4096], held: 24, TimeSpan.FromSeconds(3), minDecommits: 200);

        Assert.Empty(result.Failures);
        Assert.True(result.Verified > 1000, $"only {result.Verified} buffers verified");
        Assert.True(result.Decommits > 100, $"only {result.Decommits} decommits raced with the rents");
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [LinuxTheory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Trim_DecommitsTheRetainedStoreEntry_OnlyOnceIdleForThePurgeDelay(int delayMilliseconds, bool purged)
    {
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions { PurgeDelay = TimeSpan.FromMilliseconds(delayMilliseconds), ThreadCacheSize = 0, RetainedFreeListEntries = 1 });
        var leases = Enumerable.Range(0, 64 + 128).Select(_ => pool.Rent()).ToList();
        leases.ForEach(lease => lease.Memory.Span.Fill(0xAB));
        leases.ForEach(lease => lease.Dispose());

        // Both super blocks go to the store; the larger (128 blocks) leaves the pool decommitted, the smaller stays,
        // purged in place only when idle for the delay (0: at once; never: not at all).
        Assert.Equal(128 * 4096, pool.Trim());
        BufferPoolStatistics trimmed = pool.GetStatistics();
        Assert.Equal(64 * 4096, trimmed.ReservedBytes);
        Assert.Equal(purged ? 0 : 64 * 4096, trimmed.CommittedBytes);
        Assert.Equal(purged ? 2 : 1, trimmed.DecommitCount);

        // Growth takes the entry back from the store: committed whole again, and its memory works.
        using var again = pool.Rent();
        Assert.Equal(64 * 4096, pool.GetStatistics().CommittedBytes);
        Assert.Equal(purged, !again.Memory.Span.ContainsAnyExcept((byte)0));
        again.Memory.Span.Fill(0x77);
        Assert.False(again.Memory.Span.ContainsAnyExcept((byte)0x77));
    }
}
