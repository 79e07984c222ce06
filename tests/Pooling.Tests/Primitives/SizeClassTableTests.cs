using BufferPool.Primitives;

namespace BufferPool.Tests.Primitives;

public sealed class SizeClassTableTests
{
    [Fact]
    public void SmallBlockClasses_RunFrom64BytesTo64KiB()
    {
        var table = new SizeClassTable(64, 65536);
        Assert.Equal(64, table.GetSize(0));
        Assert.Equal(65536, table.GetSize(table.Count - 1));
        Assert.Equal(1 + 4 * 10, table.Count);
        Assert.Equal([64, 80, 96, 112, 128, 160], Enumerable.Range(0, 6).Select(table.GetSize));
    }

    [Fact]
    public void EveryRequest_MapsToTheSmallestClassThatHoldsIt_WithUnderQuarterWaste()
    {
        var table = new SizeClassTable(64, 65536);
        for (int size = 1; size <= 65536; size++)
        {
            int c = table.GetIndex(size);
            int classSize = table.GetSize(c);
            Assert.True(classSize >= size, $"{size} -> {classSize}");
            Assert.True(c == 0 || table.GetSize(c - 1) < size, $"{size} is not in the smallest class");
            if (size > 64)
            {
                Assert.True((classSize - size) * 4 < size, $"{size} -> {classSize} wastes 25% or more");
            }
        }
    }

    [Fact]
    public void ClassesAreStrictlyIncreasingAnd16ByteAligned()
    {
        var table = new SizeClassTable(64, 1 << 20);
        for (int c = 1; c < table.Count; c++)
        {
            Assert.True(table.GetSize(c) > table.GetSize(c - 1));
            Assert.Equal(0, table.GetSize(c) % 16);
        }
    }
}
