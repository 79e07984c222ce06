using System.Buffers;

namespace BufferPool.Tests.Bitmap;

/// <summary>Growth and the budget under concurrency: a rent fails only when the budget really stops it.</summary>
public sealed class BitmapGrowthTests
{
    private static readonly TimeSpan WorkloadDuration = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Growth_NeverFails_WithFixedSizeSuperBlocks_AndNoBudget()
    {
        // 64-block super blocks, and a trimmer that sends the empty ones to the Free List Store and beyond, so the
        // pool grows again and again while eight threads allocate lock-free from what is published.
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions
        {
            BlockSize = 256,
            InitialBlocksPerSuperBlock = 64,
            MaxBlocksPerSuperBlock = 64,
            RetainedFreeListEntries = 0,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        HoldingWorkloadResult result = await HoldingWorkload.RunAsync(
            pool, threads: 8, heldPerThread: 24, sizes: [1, 100, 256], WorkloadDuration, background: () => pool.Trim());

        Assert.Empty(result.Failures);
        Assert.True(result.Exhausted == 0, $"{result.Exhausted} exhausted, {pool.GetStatistics().SuperBlocksAllocated} grown, {result.Rents} rents");
        Assert.Equal(0, pool.GetStatistics().FallbackCount);
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [Fact]
    public void Budget_TheFreeListStoresIdleSuperBlock_ServesWhenGrowthWouldExceedIt()
    {
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions
        {
            BlockSize = 4096,
            MaxReservedBytes = 256 * 4096,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        // 64 blocks, then 128; returning the first 64 sends their super block to the Free List Store.
        var leases = Enumerable.Range(0, 64 + 128).Select(_ => pool.Rent()).ToList();
        leases.ForEach(lease => lease.Dispose());
        Assert.Equal(1, pool.Engine.FreeList.Count);

        // 128 fit in the active super block; the next growth asks for 128 blocks, which the store's 64-block
        // entry cannot serve under the wastage rule and which the budget forbids on top of that entry.
        leases = [.. Enumerable.Range(0, 128 + 64).Select(_ => pool.Rent())];
        foreach ((IMemoryOwner<byte> lease, int i) in leases.Select((l, i) => (l, i)))
        {
            lease.Memory.Span.Fill((byte)i);
        }

        foreach ((IMemoryOwner<byte> lease, int i) in leases.Select((l, i) => (l, i)))
        {
            Assert.True(lease.Memory.Span.IndexOfAnyExcept((byte)i) < 0);
        }

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(0, stats.FallbackCount);
        Assert.True(stats.ReservedBytes <= 256 * 4096);
        leases.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public void Budget_GrowthShrinksToWhatTheBudgetLeaves()
    {
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions
        {
            BlockSize = 4096,
            MaxReservedBytes = 256 * 4096,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        // 64 + 128 blocks; the next doubling (256) would exceed the budget, but 64 more blocks fit it exactly.
        var leases = Enumerable.Range(0, 256).Select(_ => pool.Rent()).ToList();
        Assert.Throws<BufferPoolExhaustedException>(() => pool.Rent());
        Assert.Equal(256 * 4096, pool.GetStatistics().ReservedBytes);
        Assert.Equal(0, pool.GetStatistics().FallbackCount);
        leases.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public async Task Budget_NeverExhausts_WhileInUsePlusTheLargestSuperBlockFitsTheBudget()
    {
        // 8 threads hold at most 12 blocks each: 96 blocks (384 KiB) in use at worst. Super blocks are capped at
        // 128 blocks, so in use plus the largest super block is 896 KiB, under the 1 MiB budget. Thread caches are
        // off for the same reason as in the small-block test: another live thread's cached blocks are neither in
        // use nor free.
        const int Threads = 8, Held = 12, Block = 4096;
        const long Budget = 256 * Block;
        Assert.True((Threads * Held + 128L) * Block < Budget);

        using var pool = new BitmapMemoryPool(new BitmapPoolOptions
        {
            BlockSize = Block,
            MaxBlocksPerSuperBlock = 128,
            MaxReservedBytes = Budget,
            RetainedFreeListEntries = 0,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        HoldingWorkloadResult result = await HoldingWorkload.RunAsync(pool, Threads, Held, [1, 1000, Block], WorkloadDuration);

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Empty(result.Failures);
        Assert.Equal(0, result.Exhausted);
        Assert.Equal(0, stats.FallbackCount);
        Assert.True(stats.ReservedBytes <= Budget);
        Assert.Equal(0, stats.InUseBytes);
    }
}
