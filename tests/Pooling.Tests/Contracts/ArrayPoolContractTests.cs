using System.Buffers;
using System.Collections.Concurrent;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// <see cref="ArrayPool{T}.Shared"/>'s contract, run against every BufferPool array pool, plus the misuse rules
/// of the project's design.
/// </summary>
public abstract class ArrayPoolContractTests
{
    /// <summary>A pool with default options, or with thread caches of <paramref name="threadCacheSize"/> arrays per size class.</summary>
    protected abstract ArrayPool<byte> CreatePool(int? threadCacheSize = null);

    /// <summary>Every BufferPool pool is an <see cref="IBufferPool"/>.</summary>
    protected static BufferPoolStatistics GetStatistics(ArrayPool<byte> pool) => ((IBufferPool)pool).GetStatistics();

    protected static long Trim(ArrayPool<byte> pool) => ((IBufferPool)pool).Trim();

    /// <summary>A length within the pooled range that the pool never hands out, or null for a pool of exact sizes, which has none.</summary>
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
    public void AnArrayOfALengthThePoolNeverHandsOut_IsRejected_OrKeptByAPoolOfExactSizes()
    {
        ArrayPool<byte> pool = CreatePool();
        if (ForeignLength is int length)
        {
            var ex = Assert.Throws<ArgumentException>(() => pool.Return(new byte[length]));
            Assert.Equal("array", ex.ParamName);
        }
        else
        {
            // A pool of exact sizes hands out every length, so no length is foreign: it keeps the array and rents it again.
            byte[] array = new byte[1000];
            pool.Return(array);
            Assert.Same(array, pool.Rent(1000));
        }
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

    [Fact]
    public void AnArrayReturnedTwice_WhileSomeoneElseHoldsIt_NeverMakesTheHoldersReturnThrow()
    {
        // Without thread caches every return meets the shared store, so the interleaving is exact.
        ArrayPool<byte> pool = CreatePool(threadCacheSize: 0);
        byte[] array = pool.Rent(1024);
        pool.Return(array);

        // An innocent caller rents the array, then the buggy caller returns it a second time.
        byte[] innocent = pool.Rent(1024);
        Assert.Same(array, innocent);
        pool.Return(array);

        // The store holds the array already; the innocent caller cannot know, and its return must not throw.
        pool.Return(innocent);

        // Two rents, and two of the three returns counted: the duplicate is dropped, not counted.
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(2, stats.RentCount);
        Assert.Equal(2, stats.ReturnCount);
        Assert.Equal(0, stats.InUseBytes);
        byte[] first = pool.Rent(1024), second = pool.Rent(1024);
        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task ADoubleReturnFromTwoThreads_NeverMakesAnotherCallerTrimOrDisposeThrow_NorAFigureNegative()
    {
        ArrayPool<byte> pool = CreatePool();
        using var stop = new CancellationTokenSource();
        var innocentFailures = new ConcurrentQueue<Exception>();
        long innocentRounds = 0, doubleReturns = 0;

        // Innocent callers: rent, stamp, return, and they must never see an exception. (Their data is not checked: an
        // array returned twice may be handed to two renters, exactly as with ArrayPool<T>.Shared.)
        Task Innocent(int seed) => Task.Factory.StartNew(() =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    byte[] array = pool.Rent(random.Next(1, 3000));
                    array.AsSpan().Fill((byte)seed);
                    pool.Return(array);
                    if ((Interlocked.Increment(ref innocentRounds) & 255) == 0)
                    {
                        Trim(pool);
                    }
                }
                catch (Exception ex)
                {
                    innocentFailures.Enqueue(ex);
                }
            }
        }, TaskCreationOptions.LongRunning);

        Task[] innocents = [Innocent(1), Innocent(2)];

        // The buggy caller: returns the same array from two threads at once, over and over.
        await Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                byte[] array = pool.Rent(1024);
                using var go = new Barrier(2);
                void ReturnIt()
                {
                    go.SignalAndWait();
                    try
                    {
                        pool.Return(array);
                    }
                    catch (InvalidOperationException)
                    {
                        // The buggy caller may hear of its own bug; that is allowed.
                    }
                }

                Parallel.Invoke(ReturnIt, ReturnIt);
                Interlocked.Increment(ref doubleReturns);
            }
        }).WaitAsync(TestTimeouts.Concurrent);

        stop.Cancel();
        await Task.WhenAll(innocents).WaitAsync(TestTimeouts.Concurrent);
        Assert.Empty(innocentFailures);
        Assert.True(innocentRounds > 0);

        // Trimming and disposing meet the duplicates in caches and stores, and must take them in their stride.
        Trim(pool);
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.All(BufferPoolStatisticsFields.All, f => Assert.True(f.Value(stats) >= 0, $"{f.Key} is {f.Value(stats)}"));
        ((IDisposable)pool).Dispose();
        stats = GetStatistics(pool);
        Assert.All(BufferPoolStatisticsFields.All, f => Assert.True(f.Value(stats) >= 0, $"{f.Key} is {f.Value(stats)} after Dispose"));
        Assert.Equal(2000, doubleReturns);
    }

    [Fact]
    public void ForeignArrays_NeverDriveAFigureNegative()
    {
        ArrayPool<byte> pool = CreatePool();
        int length = pool.Rent(4096).Length;
        for (int i = 0; i < 100; i++)
        {
            try
            {
                pool.Return(new byte[length]);
            }
            catch (ArgumentException)
            {
                // A pool may reject a length that is not one of its sizes.
            }
        }

        Trim(pool);
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.All(BufferPoolStatisticsFields.All, f => Assert.True(f.Value(stats) >= 0, $"{f.Key} is {f.Value(stats)}"));
        Assert.Equal(0, stats.InUseBytes);

        // The one array the pool created is still alive (the test dropped it without returning it), and nothing else
        // counts as the pool's: returned foreign arrays were never its own.
        Assert.InRange(stats.ArrayCount, 0, 1);
    }

    [Fact]
    public void ADisposedPool_ReportsNothingInUse_OnceItsArraysAreBack()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[][] arrays = [pool.Rent(100), pool.Rent(5000), pool.Rent(70_000)];
        ((IDisposable)pool).Dispose();
        Assert.True(GetStatistics(pool).InUseBytes > 0);

        var other = new Thread(() => pool.Return(arrays[0]));
        other.Start();
        other.Join();
        pool.Return(arrays[1]);
        pool.Return(arrays[2]);

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
        Assert.Equal(0, stats.ReservedBytes);
    }

    [Fact]
    public void ReturnsOfArraysLongerThanThePoolKeeps_CountOnlyForTheArraysItHandedOut()
    {
        var pool = (BufferArrayPool<byte>)CreatePool();
        byte[][] held = [.. Enumerable.Range(0, 10).Select(_ => pool.Rent(4096))];
        long inUse = GetStatistics(pool).InUseBytes;

        // An oversize rent returned twice, and a stranger's oversize array: only the first return counts.
        byte[] oversize = pool.Rent(pool.MaxArrayLength + 1);
        pool.Return(oversize);
        pool.Return(oversize);
        pool.Return(new byte[pool.MaxArrayLength + 100]);

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(inUse, stats.InUseBytes);
        Assert.Equal(1, stats.FallbackCount);
        Array.ForEach(held, a => pool.Return(a));
        Assert.Equal(0, GetStatistics(pool).InUseBytes);
    }

    [Fact]
    public void ADoubleReturn_IsNotCountedAsAReturn()
    {
        ArrayPool<byte> pool = CreatePool();
        byte[][] held = [.. Enumerable.Range(0, 8).Select(_ => pool.Rent(4096))];
        long inUse = GetStatistics(pool).InUseBytes;

        // Fill this thread's cache so the next returns spill to the shared store, then return one of them twice.
        byte[][] filler = [.. Enumerable.Range(0, 40).Select(_ => pool.Rent(4096))];
        Array.ForEach(filler, a => pool.Return(a));
        long returns = GetStatistics(pool).ReturnCount;
        byte[] twice = filler[^1];
        // Refused with an exception if it is still in this thread's cache, dropped quietly if it reached the store:
        // either way it is not a return.
        var refused = Record.Exception(() => pool.Return(twice));
        Assert.True(refused is null or InvalidOperationException, $"unexpected {refused}");

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(returns, stats.ReturnCount);

        Assert.Equal(inUse, stats.InUseBytes);
        Array.ForEach(held, a => pool.Return(a));
    }
}
