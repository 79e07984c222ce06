using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.SmallBlock;

public sealed class SmallBlockArrayPoolContractTests : ArrayPoolContractTests
{
    protected override ArrayPool<byte> CreatePool(int? threadCacheSize = null) => threadCacheSize is { } size
        ? new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { ThreadCacheSize = size })
        : new SmallBlockArrayPool<byte>();

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
    public void Defaults_KeepTheBuffersOf64ConcurrentMvcWrites()
    {
        // MVC's HttpResponseStreamWriter rents 16 Ki chars and Encoding.UTF8.GetMaxByteCount(16 Ki) = 49,155 bytes
        // per response and holds both across its async writes, so at 64 connections 64 of each are out at once
        // (the load test's mvc-text-64k). Dropping some on return means allocating them again on the next requests.
        using var chars = new SmallBlockArrayPool<char>();
        using var bytes = new SmallBlockArrayPool<byte>();
        for (int round = 0; round < 2; round++)
        {
            char[][] charArrays = Enumerable.Range(0, 64).Select(_ => chars.Rent(16 * 1024)).ToArray();
            byte[][] byteArrays = Enumerable.Range(0, 64).Select(_ => bytes.Rent(49_155)).ToArray();
            foreach (char[] array in charArrays)
            {
                chars.Return(array);
            }

            foreach (byte[] array in byteArrays)
            {
                bytes.Return(array);
            }
        }

        foreach (BufferPoolStatistics stats in new[] { chars.GetStatistics(), bytes.GetStatistics() })
        {
            Assert.Equal(0, stats.FreeListThresholdHits);
            Assert.Equal(64, stats.ArraysAllocated);
            Assert.Equal(64, stats.ArrayCount);
        }
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
