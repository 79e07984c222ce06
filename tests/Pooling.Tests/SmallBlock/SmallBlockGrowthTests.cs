using System.Buffers;

namespace BufferPool.Tests.SmallBlock;

/// <summary>Growth and the budget under concurrency: a rent fails only when the budget really stops it.</summary>
public sealed class SmallBlockGrowthTests
{
    private static readonly TimeSpan WorkloadDuration = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Growth_NeverFails_WithOneBlockPerSuperBlock_AndNoBudget()
    {
        // One block per superblock: the superblock a thread grows holds exactly the block it needs, so any other
        // thread that takes it first leaves the grower with nothing. The trimmer releases empty superblocks so
        // that the pool keeps growing for the whole run instead of only at its start.
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions
        {
            SuperBlockSize = 16 * 1024,
            BlockSize = 16 * 1024,
            RetainedSuperBlocks = 0,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        HoldingWorkloadResult result = await HoldingWorkload.RunAsync(
            pool, threads: 8, heldPerThread: 8, sizes: [64, 100, 200, 300, 500, 700, 1024, 1500, 2500, 3500, 5000, 7000, 9000, 11000, 13000, 16 * 1024], WorkloadDuration, background: () => pool.Trim());

        Assert.Empty(result.Failures);
        Assert.True(result.Exhausted == 0, $"{result.Exhausted} exhausted, {pool.GetStatistics().SuperBlocksAllocated} grown, {result.Rents} rents");
        Assert.Equal(0, pool.GetStatistics().FallbackCount);
        Assert.True(result.Rents > 0);
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [Fact]
    public void Budget_IdleBlocksOfAnotherClass_ServeANewClass()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions
        {
            SuperBlockSize = 1024 * 1024,
            BlockSize = 64 * 1024,
            MaxReservedBytes = 2 * 1024 * 1024,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        var leases = Enumerable.Range(0, 32).Select(_ => pool.Rent(64 * 1024)).ToList();
        Assert.Throws<BufferPoolExhaustedException>(() => pool.Rent(64 * 1024));
        leases.ForEach(lease => lease.Dispose());

        // Every block is idle but still belongs to the 64 KiB class; the budget forbids a third superblock.
        using IMemoryOwner<byte> small = pool.Rent(1024);
        Assert.Equal(1024, small.Memory.Length);
        small.Memory.Span.Fill(0x5A);
        Assert.True(small.Memory.Span.IndexOfAnyExcept((byte)0x5A) < 0);

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(0, stats.FallbackCount);
        Assert.Equal(2, stats.SuperBlockCount);
        Assert.Equal(1024, stats.InUseBytes);
    }

    [Fact]
    public async Task Budget_MixedSizes_NeverExhausts_WhileInUsePlusOneSuperBlockFitsTheBudget()
    {
        // 8 threads hold at most 3 leases each, so at most 24 items are out at once: 24 * 64 KiB = 1.5 MiB in use
        // at worst, plus one 1 MiB superblock is 2.5 MiB, under the 3 MiB budget. An item lies in one block, so
        // at most 24 of the budget's 48 blocks are ever busy. The thread caches are off (ThreadCacheSize = 0):
        // an item cached by another live thread is neither in use nor free until that thread's next rent or
        // return, so with caches the bound would depend on the scheduling of eight threads.
        const int Threads = 8, Held = 3;
        const long SuperBlock = 1024 * 1024, Budget = 3 * SuperBlock;
        Assert.True(Threads * Held * 64L * 1024 + SuperBlock < Budget);

        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions
        {
            SuperBlockSize = (int)SuperBlock,
            BlockSize = 64 * 1024,
            MaxReservedBytes = Budget,
            ThreadCacheSize = 0,
            ExhaustionBehavior = PoolExhaustionBehavior.Throw,
        });

        // Many classes, most of them one or two items per block, so that idle blocks pile up in every class.
        int[] sizes = [64, 1000, 5000, 17_000, 21_000, 25_000, 29_000, 33_000, 41_000, 50_000, 60_000, 65_536];
        HoldingWorkloadResult result = await HoldingWorkload.RunAsync(pool, Threads, Held, sizes, WorkloadDuration);

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Empty(result.Failures);
        Assert.Equal(0, result.Exhausted);
        Assert.Equal(0, stats.FallbackCount);
        Assert.True(stats.ReservedBytes <= Budget);
        Assert.Equal(0, stats.InUseBytes);
    }
}
