using BufferPool.Primitives;
using BufferPool.SmallBlock;

namespace BufferPool.Tests.SmallBlock;

/// <summary>The reference range map over real superblocks: pinned arrays whose blocks start at any page boundary.</summary>
public sealed class RangeMapTests
{
    private const int SuperBlockSize = 64 * 1024;

    private static SuperBlock[] SuperBlocks(int count) => [.. Enumerable.Range(0, count).Select(_ => new SuperBlock(SuperBlockSize, 16 * 1024))];

    [Fact]
    public void FindsEverySuperBlock_AtBothEnds_AndNothingOutside()
    {
        SuperBlock[] superBlocks = SuperBlocks(10);
        var map = new RangeMap(SuperBlockSize);
        foreach (SuperBlock superBlock in superBlocks)
        {
            map.Add(superBlock);
        }

        foreach (SuperBlock superBlock in superBlocks)
        {
            nint start = RangeMap.AddressOf(superBlock);
            Assert.Same(superBlock, map.Find(start));
            Assert.Same(superBlock, map.Find(start + superBlock.Length - 1));
            Assert.Same(superBlock, map.Find(start + superBlock.Length / 2));

            // One byte outside is either nothing or a different superblock.
            Assert.NotSame(superBlock, map.Find(start - 1));
            Assert.NotSame(superBlock, map.Find(start + superBlock.Length));
        }

        // Not aligned to their size, so each spans one or two keys.
        Assert.InRange(map.KeyCount, 10, 20);
    }

    [Fact]
    public void ReturnsNull_ForAForeignAddress()
    {
        var map = new RangeMap(SuperBlockSize);
        map.Add(SuperBlocks(1)[0]);
        byte[] foreign = GC.AllocateUninitializedArray<byte>(1000, pinned: true);
        Assert.Null(map.Find(Addresses.Of(foreign, 0)));
        Assert.Null(map.Find(0));
        Assert.Null(map.Find(nint.MaxValue));
    }

    [Fact]
    public void Rebuild_ForgetsReleasedSuperBlocks_AndKeepsTheRest()
    {
        SuperBlock[] superBlocks = SuperBlocks(8);
        var map = new RangeMap(SuperBlockSize);
        foreach (SuperBlock superBlock in superBlocks)
        {
            map.Add(superBlock);
        }

        map.Rebuild(superBlocks[..3]);
        Assert.All(superBlocks[..3], s => Assert.Same(s, map.Find(RangeMap.AddressOf(s))));
        Assert.All(superBlocks[3..], s => Assert.Null(map.Find(RangeMap.AddressOf(s))));

        map.Rebuild([]);
        Assert.All(superBlocks, s => Assert.Null(map.Find(RangeMap.AddressOf(s))));
        Assert.Equal(0, map.KeyCount);
    }

    [Fact]
    public void GrowsPastItsFirstTable_WithoutLosingAnEntry()
    {
        // 16 entries at most half full: 40 superblocks need two copies of the table.
        SuperBlock[] superBlocks = SuperBlocks(40);
        var map = new RangeMap(SuperBlockSize);
        foreach (SuperBlock superBlock in superBlocks)
        {
            map.Add(superBlock);
        }

        Assert.All(superBlocks, s => Assert.Same(s, map.Find(RangeMap.AddressOf(s) + s.Length - 1)));
    }
}
