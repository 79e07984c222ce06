using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BufferPool.Tests.Contracts;
using BufferPool.ThreadCaching;

namespace BufferPool.Tests.ThreadCaching;

/// <summary>
/// What the per-thread caches must do for the pools around them: a trim reaches the caches of idle and dead
/// threads, dead threads' caches are not kept, and a cache does not keep its pool reachable.
/// </summary>
public sealed class ThreadCacheSetTests
{
    public static TheoryData<string> Kinds => ["small-block", "bitmap", "small-block-array", "free-list"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TrimLoopWhileEightThreadsStampAndVerify_LosesNothing_AndAFinalTrimEmptiesTheIdleThreadsCaches(string kind)
    {
        const int Threads = 8, Iterations = 4000;
        using TestPool pool = TestPool.Create(kind);
        var failures = new ConcurrentQueue<string>();
        using var finished = new CountdownEvent(Threads);
        using var release = new ManualResetEventSlim();

        void Worker(int id)
        {
            try
            {
                var random = new Random(id);
                var window = new Queue<(TestLease Lease, int Stamp)>();
                for (int i = 0; i < Iterations; i++)
                {
                    TestLease lease = pool.Rent(random.Next(1, pool.MaxSize + 1));
                    int stamp = (id << 24) | i;
                    MemoryRegions.Stamp(lease.Span, stamp);
                    window.Enqueue((lease, stamp));
                    if (window.Count > random.Next(1, 12))
                    {
                        Check(window.Dequeue());
                    }
                }

                while (window.TryDequeue(out var rest))
                {
                    Check(rest);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"thread {id}: {e}");
            }

            // Stay alive, idle, with whatever the thread cached: a trim must reach it without this thread's help.
            finished.Signal();
            release.Wait();
        }

        void Check((TestLease Lease, int Stamp) entry)
        {
            int broken = MemoryRegions.FindBrokenStamp(entry.Lease.Span, entry.Stamp);
            if (broken >= 0)
            {
                failures.Enqueue($"stamp {entry.Stamp:x8} overwritten at int {broken}");
            }

            pool.Return(entry.Lease);
        }

        var workers = Enumerable.Range(1, Threads).Select(id => new Thread(() => Worker(id)) { IsBackground = true }).ToArray();
        var trimmer = BackgroundLoop.Start(() => pool.Trim());
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        try
        {
            Assert.True(finished.Wait(TestTimeouts.Concurrent), "the workers did not finish in time");
        }
        finally
        {
            Assert.True(trimmer.Stop(TestTimeouts.Concurrent), "the trimmer did not stop");
        }

        try
        {
            Assert.Empty(failures);
            pool.Trim();
            BufferPoolStatistics stats = pool.Statistics;
            Assert.Equal(0, stats.InUseBytes);
            Assert.Equal(Threads * Iterations, stats.RentCount);
            Assert.Equal(stats.RentCount, stats.ReturnCount);

            // Retention is 0, and the workers (alive, idle) hold nothing: one trim gives everything back.
            Assert.Equal(0, stats.ReservedBytes);
        }
        finally
        {
            release.Set();
            foreach (Thread worker in workers)
            {
                worker.Join();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task BurstOnThreadPoolThreadsThatGoIdle_TwoTrimsReleaseAtLeastNinetyPercent(string kind)
    {
        // 80 work items of 16 x 4 KiB: 5 MiB rented in all, by however many pool threads run them.
        const int WorkItems = 80, PerItem = 16, Size = 4096;
        using TestPool pool = TestPool.Create(kind);
        var failures = new ConcurrentQueue<string>();
        var work = Enumerable.Range(0, WorkItems).Select(w => Task.Run(() =>
        {
            var held = new TestLease[PerItem];
            for (int i = 0; i < PerItem; i++)
            {
                held[i] = pool.Rent(Size);
                MemoryRegions.Stamp(held[i].Span, (w << 8) | i);
            }

            for (int i = 0; i < PerItem; i++)
            {
                if (MemoryRegions.FindBrokenStamp(held[i].Span, (w << 8) | i) >= 0)
                {
                    failures.Enqueue($"work item {w}, buffer {i}: stamp overwritten");
                }

                pool.Return(held[i]);
            }
        }));
        await Task.WhenAll(work).WaitAsync(TestTimeouts.Concurrent);

        Assert.Empty(failures);
        long peak = pool.Statistics.ReservedBytes;
        Assert.True(peak > 0);
        pool.Trim();
        pool.Trim();

        BufferPoolStatistics stats = pool.Statistics;
        Assert.True(stats.ReservedBytes <= peak / 10, $"{stats.ReservedBytes} of {peak} bytes still reserved after two trims");
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(WorkItems * PerItem, stats.RentCount);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TwoHundredThreadsOneAfterAnother_WithoutTrim_KeepAboutOneThreadsWorth(string kind)
    {
        const int ThreadCount = 200, PerThread = 8, Size = 4096;
        using TestPool pool = TestPool.Create(kind);
        string? failure = null;

        void RunOneThread(int t)
        {
            var thread = new Thread(() =>
            {
                var held = new TestLease[PerThread];
                for (int i = 0; i < PerThread; i++)
                {
                    held[i] = pool.Rent(Size);
                    MemoryRegions.Stamp(held[i].Span, (t << 8) | i);
                }

                for (int i = 0; i < PerThread; i++)
                {
                    if (MemoryRegions.FindBrokenStamp(held[i].Span, (t << 8) | i) >= 0)
                    {
                        failure ??= $"thread {t}, buffer {i}: stamp overwritten";
                    }

                    pool.Return(held[i]);
                }
            });
            thread.Start();
            Assert.True(thread.Join(TestTimeouts.Concurrent));
        }

        RunOneThread(0);
        long oneThread = pool.Statistics.ReservedBytes;
        Assert.True(oneThread > 0);
        for (int t = 1; t < ThreadCount; t++)
        {
            RunOneThread(t);
        }

        Assert.Null(failure);
        BufferPoolStatistics stats = pool.Statistics;
        Assert.True(stats.ReservedBytes < 5 * oneThread, $"{stats.ReservedBytes} bytes reserved; one thread needed {oneThread}");
        Assert.Equal(ThreadCount * PerThread, stats.RentCount);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
        Assert.Equal(0, stats.InUseBytes);
    }

    [Fact]
    public void ASetWhoseCacheOnALiveThreadHoldsItems_DoesNotKeepItsSinkReachable()
    {
        (WeakReference sink, WeakReference set, ThreadCache cache, object item) = FillTheCacheOfASetNobodyKeeps();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(sink.IsAlive, "the thread's cache keeps the sink reachable");
        Assert.False(set.IsAlive, "the thread's cache keeps the set reachable");

        // The cache itself, still in this thread's table, still holds the item it was given.
        Assert.Same(item, cache.Rent(0));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Sink, WeakReference Set, ThreadCache Cache, object Item) FillTheCacheOfASetNobodyKeeps()
    {
        var sink = new CountingSink();
        var set = new ThreadCacheSet(sink, [4], [64]);
        var item = new object();
        ThreadCache cache = set.Current;
        Assert.True(cache.Return(0, item));
        Assert.Same(cache, set.Current);
        return (new WeakReference(sink), new WeakReference(set), cache, item);
    }

    [Fact]
    public void Reclaim_TakesTheItemsOfAnIdleLiveThreadsCache_AndTotalsStayExact()
    {
        var sink = new CountingSink();
        using var set = new ThreadCacheSet(sink, [4], [64]);
        using var filled = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        object[] items = [new(), new(), new()];
        var owner = new Thread(() =>
        {
            ThreadCache cache = set.Current;
            foreach (object item in items)
            {
                Assert.True(cache.Return(0, item));
            }

            filled.Set();
            release.Wait();
        }) { IsBackground = true };
        owner.Start();
        try
        {
            Assert.True(filled.Wait(TestTimeouts.Concurrent));
            set.Reclaim();
            Assert.Equal(3, sink.Items.Count);
            Assert.All(items, item => Assert.Contains(item, sink.Items));
            Assert.Equal(new ThreadCacheTotals(0, 3, 0, 3 * 64, 0), set.GetTotals());
        }
        finally
        {
            release.Set();
            owner.Join();
        }

        // Once the owner is dead its cache is dropped and its counters kept, once.
        set.Reclaim();
        Assert.Equal(3, sink.Items.Count);
        Assert.Equal(new ThreadCacheTotals(0, 3, 0, 3 * 64, 0), set.GetTotals());
    }

    [Fact]
    public void DisposeOnAnotherThread_EmptiesAnIdleLiveThreadsCacheIntoTheSink_AndTheOwnerCachesNothingAfter()
    {
        var sink = new CountingSink();
        var set = new ThreadCacheSet(sink, [4], [64]);
        using var filled = new ManualResetEventSlim();
        using var disposed = new ManualResetEventSlim();
        object[] items = [new(), new()];
        bool cachedAfterDispose = true;
        object? rentedAfterDispose = null;
        var owner = new Thread(() =>
        {
            ThreadCache cache = set.Current;
            foreach (object item in items)
            {
                Assert.True(cache.Return(0, item));
            }

            filled.Set();
            disposed.Wait();
            cachedAfterDispose = set.Current.Return(0, new object());
            rentedAfterDispose = set.Current.Rent(0);
        }) { IsBackground = true };
        owner.Start();
        Assert.True(filled.Wait(TestTimeouts.Concurrent));

        // As a finalizer would: on a thread that never used the set.
        var disposer = new Thread(set.Dispose);
        disposer.Start();
        Assert.True(disposer.Join(TestTimeouts.Concurrent));
        Assert.Equal(2, sink.Items.Count);
        Assert.All(items, item => Assert.Contains(item, sink.Items));
        Assert.Equal(new ThreadCacheTotals(0, 2, 0, 2 * 64, 0), set.GetTotals());

        disposed.Set();
        Assert.True(owner.Join(TestTimeouts.Concurrent));
        Assert.False(cachedAfterDispose);
        Assert.Null(rentedAfterDispose);
        set.Dispose();
        Assert.Equal(2, sink.Items.Count);
    }

    private sealed class CountingSink : IThreadCacheSink
    {
        public List<object> Items { get; } = [];

        public void ReturnShared(int sizeClass, object item)
        {
            lock (Items)
            {
                Items.Add(item);
            }
        }
    }
}

/// <summary>A rented buffer of one of the four pools.</summary>
internal readonly record struct TestLease(IMemoryOwner<byte>? Owner, byte[]? Array)
{
    public Span<byte> Span => Owner is not null ? Owner.Memory.Span : Array;
}

/// <summary>The four pools behind one surface, each with no retention so that a trim can empty it.</summary>
internal sealed class TestPool : IDisposable
{
    private readonly MemoryPool<byte>? _memoryPool;
    private readonly ArrayPool<byte>? _arrayPool;
    private readonly Func<long> _trim;
    private readonly Func<BufferPoolStatistics> _statistics;

    private TestPool(MemoryPool<byte>? memoryPool, ArrayPool<byte>? arrayPool, int maxSize, Func<long> trim, Func<BufferPoolStatistics> statistics)
    {
        _memoryPool = memoryPool;
        _arrayPool = arrayPool;
        MaxSize = maxSize;
        _trim = trim;
        _statistics = statistics;
    }

    public int MaxSize { get; }

    public BufferPoolStatistics Statistics => _statistics();

    public static TestPool Create(string kind)
    {
        switch (kind)
        {
            case "small-block":
                var smallBlock = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024, RetainedSuperBlocks = 0 });
                return new TestPool(smallBlock, null, 16 * 1024, smallBlock.Trim, smallBlock.GetStatistics);
            case "bitmap":
                var bitmap = new BitmapMemoryPool(new BitmapPoolOptions { RetainedFreeListEntries = 0 });
                return new TestPool(bitmap, null, bitmap.MaxBufferSize, bitmap.Trim, bitmap.GetStatistics);
            case "small-block-array":
                var smallBlockArray = new SmallBlockArrayPool<byte>();
                return new TestPool(null, smallBlockArray, 16 * 1024, smallBlockArray.Trim, smallBlockArray.GetStatistics);
            case "free-list":
                var freeList = new FreeListArrayPool<byte>();
                return new TestPool(null, freeList, 16 * 1024, freeList.Trim, freeList.GetStatistics);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public TestLease Rent(int size) => _memoryPool is not null ? new TestLease(_memoryPool.Rent(size), null) : new TestLease(null, _arrayPool!.Rent(size));

    public void Return(TestLease lease)
    {
        if (lease.Owner is not null)
        {
            lease.Owner.Dispose();
        }
        else
        {
            _arrayPool!.Return(lease.Array!);
        }
    }

    public long Trim() => _trim();

    public void Dispose()
    {
        (_memoryPool as IDisposable ?? _arrayPool as IDisposable)?.Dispose();
    }
}
