using BufferPool.SmallBlock;

namespace BufferPool.Tests.SmallBlock;

public sealed class SmallBlockEngineTests
{
    private static SmallBlockEngine<ItemSlot> CreateEngine(int superBlockSize = 64 * 1024, int blockSize = 16 * 1024) =>
        new(new SmallBlockPoolOptions { SuperBlockSize = superBlockSize, BlockSize = blockSize, RetainedSuperBlocks = 0 });

    [Fact]
    public void RangeMap_FindsEverySuperBlock_AtBothEnds_AndNothingOutside()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        var segments = Enumerable.Range(0, 40).Select(_ => engine.RentSegment(16 * 1024)).ToList();
        Assert.Equal(10, engine.SuperBlocks.Count);

        foreach (SuperBlock superBlock in engine.SuperBlocks)
        {
            Assert.Same(superBlock, engine.FindSuperBlock(superBlock.Address));
            Assert.Same(superBlock, engine.FindSuperBlock(superBlock.Address + superBlock.Length - 1));
            Assert.Same(superBlock, engine.FindSuperBlock(superBlock.Address + superBlock.Length / 2));

            // One byte outside is either nothing or a different superblock.
            Assert.NotSame(superBlock, engine.FindSuperBlock(superBlock.Address - 1));
            Assert.NotSame(superBlock, engine.FindSuperBlock(superBlock.Address + superBlock.Length));
        }

        Assert.InRange(engine.RangeMap.KeyCount, 10, 20);
        foreach (ArraySegment<byte> segment in segments)
        {
            engine.ReturnSegment(segment);
        }
    }

    [Fact]
    public void RangeMap_ReturnsNull_ForAForeignAddress()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        ArraySegment<byte> segment = engine.RentSegment(100);
        byte[] foreign = GC.AllocateUninitializedArray<byte>(1000, pinned: true);
        Assert.Null(engine.FindSuperBlock(BufferPool.Primitives.Addresses.Of(foreign, 0)));
        Assert.Null(engine.FindSuperBlock(0));
        Assert.Null(engine.FindSuperBlock(nint.MaxValue));
        engine.ReturnSegment(segment);
    }

    [Fact]
    public void RangeMap_ForgetsReleasedSuperBlocks()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        var segments = Enumerable.Range(0, 8).Select(_ => engine.RentSegment(16 * 1024)).ToList();
        SuperBlock[] superBlocks = [.. engine.SuperBlocks];
        foreach (ArraySegment<byte> segment in segments)
        {
            engine.ReturnSegment(segment);
        }

        Assert.Equal(2L * 64 * 1024, engine.Trim());
        Assert.All(superBlocks, s => Assert.Null(engine.FindSuperBlock(s.Address)));
        Assert.Equal(0, engine.RangeMap.KeyCount);
    }

    [Fact]
    public void ReturnSegment_ByValue_GoesBackToItsItem()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        ArraySegment<byte> first = engine.RentSegment(1000);
        Assert.Equal(1024, first.Count);
        engine.ReturnSegment(first);
        ArraySegment<byte> second = engine.RentSegment(1000);
        Assert.Same(first.Array, second.Array);
        Assert.Equal(first.Offset, second.Offset);
        engine.ReturnSegment(second);
    }

    [Fact]
    public void ReturnSegment_Twice_Throws_AndChangesNothing()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        ArraySegment<byte> segment = engine.RentSegment(256);
        engine.ReturnSegment(segment);
        Assert.Throws<InvalidOperationException>(() => engine.ReturnSegment(segment));

        ArraySegment<byte> a = engine.RentSegment(256);
        ArraySegment<byte> b = engine.RentSegment(256);
        Assert.NotEqual(a.Offset, b.Offset);
        Assert.Equal(2, engine.GetStatistics().RentCount - engine.GetStatistics().ReturnCount);
    }

    [Fact]
    public void ReturnSegment_Twice_AfterItSpilledToTheSharedList_Throws()
    {
        using SmallBlockEngine<ItemSlot> engine = new(new SmallBlockPoolOptions { ThreadCacheSize = 0 });
        ArraySegment<byte> segment = engine.RentSegment(256);
        engine.ReturnSegment(segment);
        Assert.Throws<InvalidOperationException>(() => engine.ReturnSegment(segment));
    }

    [Fact]
    public void ReturnSegment_Foreign_IsRejected()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        ArraySegment<byte> mine = engine.RentSegment(256);
        var ex = Assert.Throws<ArgumentException>(() => engine.ReturnSegment(new ArraySegment<byte>(new byte[256])));
        Assert.Equal("segment", ex.ParamName);

        // Our array, but not an item boundary or not an item length.
        Assert.Throws<ArgumentException>(() => engine.ReturnSegment(new ArraySegment<byte>(mine.Array!, mine.Offset + 8, 256)));
        Assert.Throws<ArgumentException>(() => engine.ReturnSegment(new ArraySegment<byte>(mine.Array!, mine.Offset, 100)));
        Assert.Throws<ArgumentNullException>(() => engine.ReturnSegment(default));
        engine.ReturnSegment(mine);
        Assert.Equal(0, engine.GetStatistics().InUseBytes);
    }

    [Fact]
    public void RentSegment_ValidatesTheSize()
    {
        using SmallBlockEngine<ItemSlot> engine = CreateEngine();
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.RentSegment(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.RentSegment(16 * 1024 + 1));
    }

    [Fact]
    public void AnEmptyBlock_GoesBackToItsSuperBlock_AndCanServeAnotherClass()
    {
        using SmallBlockEngine<ItemSlot> engine = new(new SmallBlockPoolOptions { SuperBlockSize = 16 * 1024, BlockSize = 16 * 1024, RetainedSuperBlocks = 1, ThreadCacheSize = 0 });
        ArraySegment<byte> small = engine.RentSegment(64);
        engine.ReturnSegment(small);
        Assert.Equal(0, engine.Trim());

        // The one block now serves 16 KiB items, in the same superblock.
        ArraySegment<byte> big = engine.RentSegment(16 * 1024);
        Assert.Same(small.Array, big.Array);
        Assert.Equal(1, engine.GetStatistics().SuperBlocksAllocated);
        engine.ReturnSegment(big);
    }

    [Fact]
    public void ARenterHoldingAStaleActiveBlock_ThatChangedClass_NeverGetsAnItemOfTheWrongClass()
    {
        using SmallBlockEngine<ItemSlot> engine = new(new SmallBlockPoolOptions { SuperBlockSize = 4096, BlockSize = 4096, RetainedSuperBlocks = 1, ThreadCacheSize = 0 });
        int smallClass = engine.Classes.GetIndex(64);
        engine.ReturnSegment(engine.RentSegment(64));
        Block stale = engine.GetState(smallClass).Active!;

        // The trimmer retires the block; another class takes it over, with one of its two items still free.
        engine.Trim();
        ArraySegment<byte> half = engine.RentSegment(2048);
        Assert.Equal(engine.Classes.GetIndex(2048), stale.SizeClass);
        Assert.Equal(1, stale.FreeCount);

        // The renter that read Active before all this now pops from it.
        Assert.True(engine.TryRentFrom(engine.GetState(smallClass), stale, out Block block, out int index));
        Assert.Equal(smallClass, block.SizeClass);
        Assert.Equal(64, block.ItemSize);
        Assert.NotSame(stale, block);
        Assert.Equal(1, stale.FreeCount);
        block.Push(index);
        engine.ReturnSegment(half);
    }
}
