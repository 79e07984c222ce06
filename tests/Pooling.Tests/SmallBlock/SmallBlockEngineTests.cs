using BufferPool.SmallBlock;

namespace BufferPool.Tests.SmallBlock;

public sealed class SmallBlockEngineTests
{
    private static SmallBlockEngine<ItemSlot> CreateEngine(int superBlockSize = 64 * 1024, int blockSize = 16 * 1024) =>
        new(new SmallBlockPoolOptions { SuperBlockSize = superBlockSize, BlockSize = blockSize, RetainedSuperBlocks = 0 });

    [Fact]
    public void AReturnedItem_IsTheNextRentOfItsClass()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        int sizeClass = engine.Classes.GetIndex(1000);
        ItemSlot first = engine.Rent(sizeClass)!;
        Assert.Equal(1024, first.Length);
        engine.Return(first);
        ItemSlot second = engine.Rent(sizeClass)!;
        Assert.Same(first, second);
        Assert.Equal(1, engine.GetStatistics().RentCount - engine.GetStatistics().ReturnCount);
        engine.Return(second);
        Assert.Equal(0, engine.GetStatistics().InUseBytes);
    }

    [Fact]
    public void AnEmptyBlock_GoesBackToItsSuperBlock_AndCanServeAnotherClass()
    {
        using SmallBlockEngine<ItemSlot> engine = new(new SmallBlockPoolOptions { SuperBlockSize = 16 * 1024, BlockSize = 16 * 1024, RetainedSuperBlocks = 1, ThreadCacheSize = 0 });
        ItemSlot small = engine.Rent(engine.Classes.GetIndex(64))!;
        engine.Return(small);
        Assert.Equal(0, engine.Trim());

        // The one block now serves 16 KiB items, in the same superblock.
        ItemSlot big = engine.Rent(engine.Classes.GetIndex(16 * 1024))!;
        Assert.Same(small.Array, big.Array);
        Assert.Equal(16 * 1024, big.Length);
        Assert.Equal(1, engine.GetStatistics().SuperBlocksAllocated);
        engine.Return(big);
    }

    [Fact]
    public void ARenterHoldingAStaleActiveBlock_ThatChangedClass_NeverGetsAnItemOfTheWrongClass()
    {
        using SmallBlockEngine<ItemSlot> engine = new(new SmallBlockPoolOptions { SuperBlockSize = 4096, BlockSize = 4096, RetainedSuperBlocks = 1, ThreadCacheSize = 0 });
        int smallClass = engine.Classes.GetIndex(64);
        engine.Return(engine.Rent(smallClass)!);
        Block stale = engine.GetState(smallClass).Active!;

        // The trimmer retires the block; another class takes it over, with one of its two items still free.
        engine.Trim();
        ItemSlot half = engine.Rent(engine.Classes.GetIndex(2048))!;
        Assert.Equal(engine.Classes.GetIndex(2048), stale.SizeClass);
        Assert.Equal(1, stale.FreeCount);

        // The renter that read Active before all this now pops from it.
        Assert.True(engine.TryRentFrom(engine.GetState(smallClass), stale, out Block block, out int index));
        Assert.Equal(smallClass, block.SizeClass);
        Assert.Equal(64, block.ItemSize);
        Assert.NotSame(stale, block);
        Assert.Equal(1, stale.FreeCount);
        block.Push(index);
        engine.Return(half);
    }
}
