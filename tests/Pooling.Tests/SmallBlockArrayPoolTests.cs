using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests;

public sealed class SmallBlockArrayPoolContractTests : ArrayPoolContractTests
{
    protected override ArrayPool<byte> CreatePool() => new SmallBlockArrayPool<byte>();

    protected override int? ForeignLength => 1000;
}

public sealed class SmallBlockArrayPoolTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(17, 20)]
    [InlineData(1000, 1024)]
    [InlineData(1025, 1280)]
    public void Rent_ReturnsTheSizeClassLength(int request, int expected)
    {
        var pool = new SmallBlockArrayPool<char>();
        Assert.Equal(expected, pool.Rent(request).Length);
    }

    [Fact]
    public void LongerThanMaxArrayLength_IsAllocatedExactly_AndDroppedOnReturn()
    {
        var pool = new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { MaxArrayLength = 1024 });
        byte[] big = pool.Rent(5000);
        Assert.Equal(5000, big.Length);
        pool.Return(big);
        Assert.NotSame(big, pool.Rent(5000));
        Assert.Equal(2, pool.GetStatistics().FallbackCount);
    }

    [Fact]
    public void RetentionPerClass_IsBounded_AndOverflowCountsAThresholdHit()
    {
        var pool = new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { ArraysPerSizeClass = 2, ThreadCacheSize = 0 });
        byte[][] arrays = Enumerable.Range(0, 5).Select(_ => pool.Rent(100)).ToArray();
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(3, stats.FreeListThresholdHits);
        Assert.Equal(2, stats.ArrayCount);
        Assert.Equal(3, stats.ArraysReleased);
        Assert.Equal(2 * 112, stats.ReservedBytes);
    }

    [Fact]
    public void StatisticsCountBytes_NotElements()
    {
        var pool = new SmallBlockArrayPool<long>();
        long[] array = pool.Rent(64);
        Assert.Equal(64 * sizeof(long), pool.GetStatistics().InUseBytes);
        pool.Return(array);
    }

    [Fact]
    public void AfterDispose_ReturnsAreDropped()
    {
        var pool = new SmallBlockArrayPool<byte>();
        byte[] array = pool.Rent(100);
        pool.Dispose();
        pool.Return(array);
        Assert.Equal(0, pool.GetStatistics().ReservedBytes);
    }
}
