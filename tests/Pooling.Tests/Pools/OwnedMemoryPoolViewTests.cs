using System.Buffers;
using System.Collections.Concurrent;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Pools;

/// <summary>
/// The contract through an owner's view (<see cref="BufferMemoryPool.CreateView"/>), what hosting's factory hands Kestrel:
/// the slots' reused leases, a trusted caller. Two racing disposes are outside its contract (docs/contract.md).
/// </summary>
public sealed class SmallBlockViewContractTests : MemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool().CreateView("kestrel");
}

/// <inheritdoc cref="SmallBlockViewContractTests"/>
public sealed class BitmapViewContractTests : MemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool().CreateView("kestrel");
}

/// <summary>Owners' views: exact per-owner counts under stress, and their lifetime.</summary>
public sealed class OwnedMemoryPoolViewTests
{
    public static TheoryData<string> Kinds => ["small-block", "bitmap"];

    private static BufferMemoryPool Create(string kind) => kind == "bitmap"
        ? new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused })
        : new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });

    /// <summary>
    /// Six owners (the pool's own <c>Rent</c> and five views, so two of them beyond what the thread caches count) on
    /// eight threads that rent, stamp, verify and return, half of their buffers on another thread, while a trimmer takes
    /// the caches back; the threads then exit, so dead threads' counts must be kept too. Every owner's count, bytes and
    /// large rents must come out exactly as the workers tallied them, and add up to the pool's.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void OwnerCounts_StayExact_UnderStressThroughSeveralViews_WithStamps(string kind)
    {
        const int Threads = 8, PerThread = 6000;
        string[] names = ["app", "kestrel", "sockets", "quic", "fifth", "sixth"];
        using BufferMemoryPool pool = Create(kind);
        MemoryPool<byte>[] owners = [pool, .. names.Skip(1).Select(pool.CreateView)];
        int[] sizes = kind == "bitmap" ? [-1, 0, 100, 4096] : [-1, 0, 64, 100, 4096, 5000, 16 * 1024, 64 * 1024];
        var expected = new (long Rents, long Bytes, long Large)[names.Length];
        var handoff = new ConcurrentQueue<(IMemoryOwner<byte> Lease, int Stamp)>();
        var failures = new ConcurrentQueue<string>();

        void Verify(IMemoryOwner<byte> lease, int stamp)
        {
            if (MemoryRegions.FindBrokenStamp(lease.Memory.Span, stamp) is int broken and >= 0)
            {
                failures.Enqueue($"stamp {stamp:x8} overwritten at int {broken}");
            }

            lease.Dispose();
        }

        void Worker(int id)
        {
            try
            {
                var random = new Random(id);
                var mine = new (long Rents, long Bytes, long Large)[names.Length];
                var window = new Queue<(IMemoryOwner<byte>, int)>();
                for (int i = 0; i < PerThread; i++)
                {
                    int owner = random.Next(names.Length);
                    IMemoryOwner<byte> lease = owners[owner].Rent(sizes[random.Next(sizes.Length)]);
                    int length = lease.Memory.Length;
                    mine[owner] = (mine[owner].Rents + 1, mine[owner].Bytes + length, mine[owner].Large + (length > 4096 ? 1 : 0));
                    int stamp = (id << 24) | i;
                    MemoryRegions.Stamp(lease.Memory.Span, stamp);
                    if ((i & 1) == 0)
                    {
                        handoff.Enqueue((lease, stamp));
                    }
                    else
                    {
                        window.Enqueue((lease, stamp));
                    }

                    if (window.Count > random.Next(1, 12))
                    {
                        (IMemoryOwner<byte> l, int s) = window.Dequeue();
                        Verify(l, s);
                    }

                    // Another thread's buffers: a cross-thread return.
                    if (handoff.TryDequeue(out var theirs))
                    {
                        Verify(theirs.Lease, theirs.Stamp);
                    }
                }

                while (window.TryDequeue(out var rest))
                {
                    Verify(rest.Item1, rest.Item2);
                }

                lock (expected)
                {
                    for (int o = 0; o < names.Length; o++)
                    {
                        expected[o] = (expected[o].Rents + mine[o].Rents, expected[o].Bytes + mine[o].Bytes, expected[o].Large + mine[o].Large);
                    }
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"thread {id}: {e}");
            }
        }

        var workers = Enumerable.Range(1, Threads).Select(id => new Thread(() => Worker(id)) { IsBackground = true }).ToArray();
        using (BackgroundLoop.Start(() => pool.Trim(), sleep: true))
        {
            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            foreach (Thread worker in workers)
            {
                Assert.True(worker.Join(TestTimeouts.Concurrent), "a worker did not finish in time");
            }
        }

        while (handoff.TryDequeue(out var left))
        {
            Verify(left.Lease, left.Stamp);
        }

        Assert.Empty(failures);

        // The workers are dead: a trim folds their caches' counts into the retired totals, which must keep every one.
        pool.Trim();
        IReadOnlyList<BufferPoolOwnerStatistics> statistics = pool.GetOwnerStatistics();
        Assert.Equal(names, statistics.Select(s => s.Owner));
        for (int o = 0; o < names.Length; o++)
        {
            Assert.True(expected[o].Rents > 0);
            Assert.Equal((names[o], expected[o].Rents, expected[o].Bytes, expected[o].Large), (statistics[o].Owner, statistics[o].RentCount, statistics[o].RentedBytes, statistics[o].LargeRentCount));
        }

        BufferPoolStatistics total = pool.GetStatistics();
        Assert.Equal(Threads * PerThread, total.RentCount);
        Assert.Equal(statistics.Sum(s => s.RentCount), total.RentCount);
        Assert.Equal(statistics.Sum(s => s.RentedBytes), total.RentedBytes);
        Assert.Equal(total.RentCount, total.ReturnCount);
        Assert.Equal(0, total.InUseBytes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ViewsOfOneName_ShareTheirOwner_AndAppCountsWithThePoolsOwnRent(string kind)
    {
        using BufferMemoryPool pool = Create(kind);
        using MemoryPool<byte> first = pool.CreateView("kestrel");
        using MemoryPool<byte> second = pool.CreateView("kestrel");
        using MemoryPool<byte> app = pool.CreateView("app");
        first.Rent(4096).Dispose();
        second.Rent(4096).Dispose();
        app.Rent(4096).Dispose();
        pool.Rent(4096).Dispose();

        IReadOnlyList<BufferPoolOwnerStatistics> statistics = pool.GetOwnerStatistics();
        Assert.Equal(["app", "kestrel"], statistics.Select(s => s.Owner));
        Assert.Equal([2L, 2L], statistics.Select(s => s.RentCount));
        Assert.Equal([2 * 4096L, 2 * 4096L], statistics.Select(s => s.RentedBytes));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DisposingThePool_EndsItsViews_AndLeasesOutStillComeBack(string kind)
    {
        BufferMemoryPool pool = Create(kind);
        MemoryPool<byte> view = pool.CreateView("kestrel");
        IMemoryOwner<byte> lease = view.Rent(4096);
        pool.Dispose();

        Assert.Throws<ObjectDisposedException>(() => view.Rent(4096));
        Assert.Throws<ObjectDisposedException>(() => pool.CreateView("late"));
        lease.Dispose();
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DisposingAView_EndsOnlyThatView(string kind)
    {
        using BufferMemoryPool pool = Create(kind);
        MemoryPool<byte> ended = pool.CreateView("kestrel");
        using MemoryPool<byte> other = pool.CreateView("kestrel");
        ended.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ended.Rent(4096));
        other.Rent(4096).Dispose();
        pool.Rent(4096).Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BudgetFallbacks_CountForTheOwnerThatRented(string kind)
    {
        // The smallest budgets the pools allow, and no thread cache to hold idle items.
        using BufferMemoryPool pool = kind == "bitmap"
            ? new BitmapMemoryPool(new BitmapPoolOptions { MaxReservedBytes = 64 * 4096, ThreadCacheSize = 0 })
            : new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, MaxReservedBytes = 64 * 1024, ThreadCacheSize = 0 });
        using MemoryPool<byte> kestrel = pool.CreateView("kestrel");
        int size = pool.MaxBufferSize;
        var leases = new List<IMemoryOwner<byte>>();
        while (pool.GetStatistics().FallbackCount == 0)
        {
            leases.Add(kestrel.Rent(size));
        }

        BufferPoolOwnerStatistics owner = Assert.Single(pool.GetOwnerStatistics(), s => s.Owner == "kestrel");
        long large = size > 4096 ? leases.Count : 0;
        Assert.Equal((leases.Count, (long)leases.Count * size, large), (owner.RentCount, owner.RentedBytes, owner.LargeRentCount));
        Assert.Equal(leases.Count, pool.GetStatistics().RentCount);
        MemoryRegions.DisposeAll(leases);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AViewOfATrackingPool_TracksItsRentsToo(string kind)
    {
        // Every rent sampled: the view's fast path, which skips the countdown, must not serve this pool.
        using BufferMemoryPool sampled = kind == "bitmap"
            ? new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = 1 })
            : new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = 1 });
        var misuse = new ConcurrentQueue<string>();
        sampled.MisuseDetected += (_, e) => misuse.Enqueue(e.Message);
        using MemoryPool<byte> view = sampled.CreateView("kestrel");
        IMemoryOwner<byte> lease = view.Rent(4096);
        Assert.Equal("SampledLease", lease.GetType().Name);
        lease.Dispose();
        lease.Dispose();
        Assert.Single(misuse);
        Assert.Equal(1, Assert.Single(sampled.GetOwnerStatistics(), s => s.Owner == "kestrel").RentCount);

        using BufferMemoryPool diagnostics = kind == "bitmap"
            ? new BitmapMemoryPool(new BitmapPoolOptions { DiagnosticsMode = true })
            : new SmallBlockMemoryPool(new SmallBlockPoolOptions { DiagnosticsMode = true });
        using MemoryPool<byte> diagnosticsView = diagnostics.CreateView("kestrel");
        IMemoryOwner<byte> tracked = diagnosticsView.Rent(4096);
        Assert.Equal("DiagnosticLease", tracked.GetType().Name);
        Assert.Single(diagnostics.GetLeaks());
        tracked.Dispose();
        Assert.Empty(diagnostics.GetLeaks());
    }

    [Fact]
    public void AViewRentsTheSlotsReusedLeases_AllocatingNothing()
    {
        using var pool = new SmallBlockMemoryPool();
        using MemoryPool<byte> view = pool.CreateView("kestrel");
        IMemoryOwner<byte> first = view.Rent(4096);
        first.Dispose();
        IMemoryOwner<byte> second = view.Rent(4096);
        Assert.Same(first, second);
        second.Dispose();

        for (int i = 0; i < 1000; i++)
        {
            view.Rent(4096).Dispose();
        }

        // The least of a few rounds: a one-off slow path (the JIT, or a cache refill after a reclaim from another test's
        // thread) may allocate in one round, while an allocation per rent (24 bytes) would add 240 KB to every round.
        long[] allocated = new long[5];
        for (int round = 0; round < allocated.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                view.Rent(4096).Dispose();
            }

            allocated[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(allocated.Min() < 1000, $"bytes allocated per round of 10,000 rents: {string.Join(", ", allocated)}");
    }
}
