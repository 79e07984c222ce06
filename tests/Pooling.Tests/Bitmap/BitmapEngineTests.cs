using BufferPool.Bitmap;

namespace BufferPool.Tests.Bitmap;

public sealed class BitmapEngineTests
{
    private static BitmapEngine<BitmapSlot> CreateEngine(int threadCache = 0, int maxFreeListEntries = 64) =>
        new(new BitmapPoolOptions { ThreadCacheSize = threadCache, MaxFreeListEntries = maxFreeListEntries, RetainedFreeListEntries = 0 });

    [Fact]
    public void SixtyFourRentsFillOneSuperBlock_The65thOpens128_The193rdOpens256()
    {
        using BitmapEngine<BitmapSlot> engine = CreateEngine(threadCache: 8);
        var slots = new List<BitmapSlot>();
        for (int i = 0; i < 64; i++)
        {
            slots.Add(engine.Rent()!);
        }

        BitmapSuperBlock first = Assert.Single(engine.SuperBlocks);
        Assert.Equal(64, first.BlockCount);
        Assert.Equal(64, first.UseCount);

        // All 64 bits of the one bitmap word were handed out: 1UL << bit, not libstdc++'s int shift.
        Assert.Equal(Enumerable.Range(0, 64), slots.Select(s => s.Index).Order());
        Assert.All(Enumerable.Range(0, 64), b => Assert.False(first.IsFree(b)));

        slots.Add(engine.Rent()!);
        Assert.Equal(2, engine.SuperBlocks.Count);
        Assert.Equal(128, engine.SuperBlocks[1].BlockCount);

        for (int i = 65; i < 192; i++)
        {
            slots.Add(engine.Rent()!);
        }

        Assert.Equal(2, engine.SuperBlocks.Count);
        slots.Add(engine.Rent()!);
        Assert.Equal(3, engine.SuperBlocks.Count);
        Assert.Equal(256, engine.SuperBlocks[2].BlockCount);
        Assert.Equal(193, slots.Select(s => (s.SuperBlock, s.Index)).Distinct().Count());
    }

    [Fact]
    public void DoubleFree_Throws_AndChangesNothing()
    {
        // No thread cache: a return goes straight to the bitmap, which is what is under test.
        using BitmapEngine<BitmapSlot> engine = CreateEngine();
        BitmapSlot kept = engine.Rent()!;
        BitmapSlot freed = engine.Rent()!;
        engine.Return(freed);
        BitmapSuperBlock superBlock = Assert.Single(engine.SuperBlocks);
        int useCount = superBlock.UseCount;

        var ex = Assert.Throws<InvalidOperationException>(() => engine.Return(freed));
        Assert.Contains("twice", ex.Message);
        Assert.Equal(useCount, superBlock.UseCount);
        Assert.True(superBlock.IsFree(freed.Index));
        Assert.False(superBlock.IsFree(kept.Index));
        engine.Return(kept);
    }

    [Fact]
    public void AnEmptySuperBlock_GoesToTheFreeListStore_AndTheNextGrowthTakesItBack()
    {
        using BitmapEngine<BitmapSlot> engine = CreateEngine();
        var first = Enumerable.Range(0, 64).Select(_ => engine.Rent()!).ToList();
        BitmapSlot inSecond = engine.Rent()!;
        BitmapSuperBlock superBlock = engine.SuperBlocks[0];
        first.ForEach(engine.Return);

        Assert.Single(engine.SuperBlocks);
        Assert.Equal(1, engine.SuperBlocksRetired);
        Assert.Equal([64 * 4096], engine.FreeList.Lengths());
        Assert.Equal((64 + 128) * 4096, engine.GetStatistics().ReservedBytes);

        // Fill the second; release halved the next size back to 128... the next growth asks for 128 blocks,
        // which the 64-block entry cannot serve under the 36% rule.
        var fill = Enumerable.Range(0, 127).Select(_ => engine.Rent()!).ToList();
        BitmapSlot third = engine.Rent()!;
        Assert.Equal(128, engine.SuperBlocks[^1].BlockCount);
        Assert.NotSame(superBlock.Array, third.Array);
        Assert.Equal(3, engine.GetStatistics().SuperBlocksAllocated);
        fill.ForEach(engine.Return);
        engine.Return(third);
        engine.Return(inSecond);
    }

    [Fact]
    public void TheLastActiveSuperBlock_StaysWhenItEmpties_AndTrimReleasesIt()
    {
        using BitmapEngine<BitmapSlot> engine = CreateEngine();
        for (int i = 0; i < 1000; i++)
        {
            engine.Return(engine.Rent()!);
        }

        BitmapSuperBlock only = Assert.Single(engine.SuperBlocks);
        Assert.Equal(0, only.UseCount);
        Assert.Equal(0, engine.SuperBlocksRetired);
        Assert.Equal(1, engine.GetStatistics().SuperBlocksAllocated);

        Assert.Equal(64 * 4096, engine.Trim());
        Assert.Empty(engine.SuperBlocks);
        Assert.Equal(0, engine.GetStatistics().ReservedBytes);
    }

    [Fact]
    public void Release_HalvesTheNextSuperBlock_AndTheDoublingResumesFromThere()
    {
        using BitmapEngine<BitmapSlot> engine = CreateEngine();
        var first = Enumerable.Range(0, 64).Select(_ => engine.Rent()!).ToList();
        var second = Enumerable.Range(0, 128).Select(_ => engine.Rent()!).ToList();
        byte[] secondArray = second[0].Array;
        second.ForEach(engine.Return);
        Assert.Equal([128 * 4096], engine.FreeList.Lengths());

        // Next size was 256 blocks (libstdc++'s _S_block_size); the release halved it to 128, which the store holds.
        var again = Enumerable.Range(0, 128).Select(_ => engine.Rent()!).ToList();
        Assert.All(again, s => Assert.Same(secondArray, s.Array));
        Assert.Equal(2, engine.GetStatistics().SuperBlocksAllocated);

        // Then doubling goes on: 256 blocks.
        BitmapSlot third = engine.Rent()!;
        Assert.Equal(256, engine.SuperBlocks[^1].BlockCount);
        Assert.Equal(3, engine.GetStatistics().SuperBlocksAllocated);
        engine.Return(third);
        again.ForEach(engine.Return);
        first.ForEach(engine.Return);
    }

    [Fact]
    public void Trim_EmptiesTheFreeListStore_DownToWhatTheOptionsRetain()
    {
        using BitmapEngine<BitmapSlot> engine = new(new BitmapPoolOptions { ThreadCacheSize = 0, RetainedFreeListEntries = 1 });
        var slots = Enumerable.Range(0, 64 + 128 + 256).Select(_ => engine.Rent()!).ToList();
        slots.ForEach(engine.Return);

        // Frees keep the last active super block (256 blocks); the other two are in the store.
        Assert.Equal(2, engine.FreeList.Count);
        Assert.Single(engine.SuperBlocks);

        // Trim moves the idle 256 into the store, then drops largest first: the 256 and the 128 go, the 64 stays.
        Assert.Equal((256 + 128) * 4096L, engine.Trim());
        Assert.Equal([64 * 4096], engine.FreeList.Lengths());
        Assert.Equal(2, engine.GetStatistics().SuperBlocksReleased);
        Assert.Equal(0, engine.Trim());
    }

    [Fact]
    public void AFullFreeListStore_CountsThresholdHits()
    {
        using BitmapEngine<BitmapSlot> engine = new(new BitmapPoolOptions { ThreadCacheSize = 0, MaxFreeListEntries = 1, RetainedFreeListEntries = 1 });
        var a = Enumerable.Range(0, 64).Select(_ => engine.Rent()!).ToList();
        var b = Enumerable.Range(0, 128).Select(_ => engine.Rent()!).ToList();
        a.ForEach(engine.Return);
        b.ForEach(engine.Return);
        Assert.Equal(0, engine.GetStatistics().FreeListThresholdHits);

        // The idle 128-block super block meets a full store (the 64 is in it) and, being larger, is dropped.
        Assert.Equal(128 * 4096, engine.Trim());

        BufferPoolStatistics stats = engine.GetStatistics();
        Assert.Equal(1, stats.FreeListThresholdHits);
        Assert.Equal(1, stats.SuperBlocksReleased);
        Assert.Equal(1, stats.SuperBlockCount);
        Assert.Equal(64 * 4096, stats.ReservedBytes);
    }
}
