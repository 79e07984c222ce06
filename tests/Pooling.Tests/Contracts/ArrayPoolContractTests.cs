using System.Buffers;
using System.Collections.Concurrent;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// <see cref="ArrayPool{T}.Shared"/>'s contract, run against every BufferPool array pool, plus the misuse rules
/// of DESIGN.md.
/// </summary>
public abstract class ArrayPoolContractTests
{
    protected abstract ArrayPool<byte> CreatePool();

    protected abstract BufferPoolStatistics GetStatistics(ArrayPool<byte> pool);

    protected abstract long Trim(ArrayPool<byte> pool);

    /// <summary>A length within the pooled range that the pool never hands out, or null if it has none.</summary>
    protected abstract int? ForeignLength { get; }

    [Fact]
    public void RentZero_ReturnsAnEmptyArray()
    {
        ArrayPool<byte> pool = CreatePool();
        Assert.Empty(pool.Rent(0));
    }

    [Fact]
    public void RentNegative_Throws()
    {
        ArrayPool<byte> pool = CreatePool();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(-1));
        Assert.Equal("minimumLength", ex.ParamName);
    }

    [Fact]
    public void ReturnNull_Throws()
    {
        ArrayPool<byte> pool = CreatePool();
        var ex = Assert.Throws<ArgumentNullException>(() => pool.Return(null!));
        Assert.Equal("array", ex.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(100_000)]
    [InlineData(5_000_000)]
    public void Rent_ReturnsAtLeastTheRequestedLength(int length)
    {
        ArrayPool<byte> pool = CreatePool();
        byte[] array = pool.Rent(length);
        Assert.True(array.Length >= length);
        pool.Return(array);
    }

    [Fact]
    public void ReturnWithClearArray_ClearsIt()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[] array = pool.Rent(500);
        array.AsSpan().Fill(0xAB);
        pool.Return(array, clearArray: true);
        Assert.All(array, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ReturnedArray_IsReused()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[] array = pool.Rent(3000);
        pool.Return(array);
        Assert.Same(array, pool.Rent(3000));
    }

    [Fact]
    public void ForeignLength_IsRejected()
    {
        if (ForeignLength is not int length)
        {
            return;
        }

        ArrayPool<byte> pool = CreatePool();
        var ex = Assert.Throws<ArgumentException>(() => pool.Return(new byte[length]));
        Assert.Equal("array", ex.ParamName);
    }

    [Fact]
    public void ReturnTwiceInARow_IsRejected_AndLaterRentsGetDistinctArrays()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[] array = pool.Rent(2048);
        pool.Return(array);
        Assert.Throws<InvalidOperationException>(() => pool.Return(array));

        byte[][] rented = Enumerable.Range(0, 40).Select(_ => pool.Rent(2048)).ToArray();
        Assert.Equal(rented.Length, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Statistics_CountRentsReturnsAndBytesInUse()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[] a = pool.Rent(1024);
        byte[] b = pool.Rent(1024);
        BufferPoolStatistics during = GetStatistics(pool);
        Assert.Equal(2, during.RentCount);
        Assert.Equal(a.Length + b.Length, during.InUseBytes);
        pool.Return(a);
        pool.Return(b);
        BufferPoolStatistics after = GetStatistics(pool);
        Assert.Equal(2, after.ReturnCount);
        Assert.Equal(0, after.InUseBytes);
        Assert.True(after.ReservedBytes >= a.Length + b.Length);
    }

    [Fact]
    public void Trim_DropsIdleArrays()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[][] arrays = Enumerable.Range(0, 20).Select(i => pool.Rent(10_000 + i)).ToArray();
        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        long reserved = GetStatistics(pool).ReservedBytes;
        long released = Trim(pool);
        Assert.True(released > 0);
        Assert.Equal(reserved - released, GetStatistics(pool).ReservedBytes);
        Assert.True(GetStatistics(pool).ArraysReleased > 0);
        Assert.Equal(0, GetStatistics(pool).SuperBlocksReleased);
    }

    [Fact]
    public async Task TwoThreads_RentStampReturnAcrossThreads_NoArrayIsShared()
    {
        ArrayPool<byte> pool = CreatePool();
        var handoff = new BlockingCollection<(byte[] Array, byte Stamp)>(boundedCapacity: 128);
        var failures = new ConcurrentQueue<string>();
        var live = new ConcurrentDictionary<byte[], bool>(ReferenceEqualityComparer.Instance);

        void Check(byte[] array, byte stamp)
        {
            if (Array.IndexOf(array, (byte)~stamp) >= 0 || array.AsSpan().IndexOfAnyExcept(stamp) >= 0)
            {
                failures.Enqueue("an array was written by another renter");
            }

            live.TryRemove(array, out _);
            pool.Return(array);
        }

        void Work(int seed)
        {
            var random = new Random(seed);
            for (int i = 0; i < 20_000; i++)
            {
                byte[] array = pool.Rent(random.Next(1, 5000));
                if (!live.TryAdd(array, true))
                {
                    failures.Enqueue("an array was handed to two renters");
                }

                byte stamp = (byte)random.Next(256);
                array.AsSpan().Fill(stamp);
                if ((i & 1) == 0)
                {
                    handoff.Add((array, stamp));
                }
                else
                {
                    Check(array, stamp);
                }

                if (handoff.TryTake(out var other))
                {
                    Check(other.Array, other.Stamp);
                }
            }
        }

        await Task.WhenAll(Task.Factory.StartNew(() => Work(1), TaskCreationOptions.LongRunning), Task.Factory.StartNew(() => Work(2), TaskCreationOptions.LongRunning)).WaitAsync(TestTimeouts.Concurrent);
        while (handoff.TryTake(out var rest))
        {
            Check(rest.Array, rest.Stamp);
        }

        Assert.Empty(failures);
        Assert.Equal(0, GetStatistics(pool).InUseBytes);
    }
}
