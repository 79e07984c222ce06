using BufferPool.Bitmap;

namespace BufferPool.Tests.Bitmap;

public sealed class FreeListStoreTests
{
    private static FreeListStore<byte[]> NewStore() => new(64, 36, a => a.Length, a => a.Length);

    [Fact]
    public void Entries_StaySortedByLength()
    {
        var store = NewStore();
        foreach (int length in new[] { 500, 100, 300, 100, 900 })
        {
            Assert.Null(store.Insert(new byte[length]));
        }

        Assert.Equal([100, 100, 300, 500, 900], store.Lengths());
    }

    [Fact]
    public void TryTake_FindsTheSmallestFit_WhenTheRuleAllows()
    {
        var store = NewStore();
        store.Insert(new byte[100]);
        store.Insert(new byte[200]);
        store.Insert(new byte[400]);

        Assert.Equal(200, store.TryTake(150)!.Length);
        Assert.Null(store.TryTake(250));
        Assert.Equal(400, store.TryTake(300)!.Length);
        Assert.Null(store.TryTake(101));
        Assert.Equal(100, store.TryTake(100)!.Length);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AtTheCap_ALargerNewEntryIsDropped_AndCountsAHit()
    {
        var store = NewStore();
        for (int i = 1; i <= 64; i++)
        {
            Assert.Null(store.Insert(new byte[i * 10]));
        }

        var larger = new byte[640];
        Assert.Same(larger, store.Insert(larger));
        Assert.Equal(64, store.Count);
        Assert.Equal(640, store.Lengths()[^1]);
        Assert.Equal(1, store.ThresholdHits);
    }

    [Fact]
    public void AtTheCap_TheLargestIsDropped_ForASmallerNewEntry_AndCountsAHit()
    {
        var store = NewStore();
        for (int i = 1; i <= 64; i++)
        {
            store.Insert(new byte[i * 10]);
        }

        byte[]? dropped = store.Insert(new byte[15]);
        Assert.Equal(640, dropped!.Length);
        Assert.Equal(64, store.Count);
        Assert.Equal([10, 15, 20], store.Lengths()[..3]);
        Assert.Equal(630, store.Lengths()[^1]);
        Assert.Equal(1, store.ThresholdHits);
        Assert.Equal(store.Lengths().Sum(), store.Bytes);
    }

    [Fact]
    public void TrimTo_RemovesTheLargestFirst()
    {
        var store = NewStore();
        foreach (int length in new[] { 50, 10, 30 })
        {
            store.Insert(new byte[length]);
        }

        Assert.Equal([50, 30], store.TrimTo(1).Select(a => a.Length));
        Assert.Equal([10], store.Lengths());
    }
}
