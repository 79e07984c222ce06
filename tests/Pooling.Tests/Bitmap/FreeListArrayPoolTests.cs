using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Bitmap;

public sealed class FreeListArrayPoolContractTests : ArrayPoolContractTests
{
    protected override ArrayPool<byte> CreatePool(int? threadCacheSize = null) => threadCacheSize is { } size
        ? new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { ThreadCacheSize = size })
        : new FreeListArrayPool<byte>();

    // Every length is valid: the pool keeps exact sizes.
    protected override int? ForeignLength => null;
}

public sealed class FreeListArrayPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1025)]
    [InlineData(100_000)]
    public void NewArrays_HaveExactlyTheRequestedLength(int length)
    {
        var pool = new FreeListArrayPool<char>();
        Assert.Equal(length, pool.Rent(length).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void AReturnedArray_ServesASmallerRequest_OnlyUnder36PercentWaste(int threadCache)
    {
        var pool = new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { ThreadCacheSize = threadCache });
        byte[] thousand = pool.Rent(1000);
        pool.Return(thousand);

        // (1000 - 640) * 100 / 1000 = 36: not below 36, so a new array.
        byte[] tooSmall = pool.Rent(640);
        Assert.NotSame(thousand, tooSmall);
        Assert.Equal(640, tooSmall.Length);

        // (1000 - 641) * 100 / 1000 = 35: the stored array is given.
        Assert.Same(thousand, pool.Rent(641));
    }

    [Fact]
    public void TheStore_IsSorted_AndCappedAt64_WithThresholdHits()
    {
        var pool = new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { ThreadCacheSize = 0 });
        byte[][] arrays = Enumerable.Range(1, 70).Select(i => pool.Rent(i * 100)).ToArray();
        foreach (byte[] array in arrays.Reverse())
        {
            pool.Return(array);
        }

        int[] lengths = pool.StoredLengths;
        Assert.Equal(64, lengths.Length);
        Assert.Equal(lengths.Order(), lengths);

        // Returned largest first: the first 64 fill the store; each smaller one then evicts the largest.
        Assert.Equal(Enumerable.Range(1, 64).Select(i => i * 100), lengths);
        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(6, stats.FreeListThresholdHits);
        Assert.Equal(6, stats.ArraysReleased);
        Assert.Equal(lengths.Sum(), stats.ReservedBytes);
    }

    [Fact]
    public void BinarySearch_PicksTheSmallestFittingArray()
    {
        var pool = new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { ThreadCacheSize = 0 });
        byte[] a = pool.Rent(500), b = pool.Rent(700), c = pool.Rent(900);
        pool.Return(c);
        pool.Return(a);
        pool.Return(b);
        Assert.Same(b, pool.Rent(600));
        Assert.Same(c, pool.Rent(600));
        Assert.Same(a, pool.Rent(400));
    }
}
