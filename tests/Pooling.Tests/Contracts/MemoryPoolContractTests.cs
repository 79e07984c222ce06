using System.Buffers;
using System.Collections.Concurrent;
using BufferPool.Pools;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// The <see cref="MemoryPool{T}"/> contract of the project's design, one test per rule. Every pool implementation derives
/// a class from this one, as Kestrel's MemoryPoolTests does for its pools; every mode but an owner's view through
/// <see cref="GuardedMemoryPoolContractTests"/>, which adds the racing double dispose.
/// </summary>
public abstract class MemoryPoolContractTests
{
    protected abstract MemoryPool<byte> CreatePool();

    /// <summary>Every BufferPool pool is an <see cref="IBufferPool"/>; an owner's view reports its pool's figures.</summary>
    protected static BufferPoolStatistics GetStatistics(MemoryPool<byte> pool) => PoolOf(pool).GetStatistics();

    protected static long Trim(MemoryPool<byte> pool) => PoolOf(pool).Trim();

    private static IBufferPool PoolOf(MemoryPool<byte> pool) => pool as IBufferPool ?? ((OwnedMemoryPoolView)pool).Pool;

    /// <summary>
    /// True for <see cref="LeaseMode.PerRent"/> (an owner object per rent) and diagnostics mode (an owner object and a
    /// stack trace per rent), by design; false for <see cref="LeaseMode.Reused"/>, which must allocate nothing.
    /// </summary>
    protected virtual bool AllocatesPerRent => false;

    [Fact]
    public void RentDefault_ReturnsDefaultBufferSize()
    {
        using MemoryPool<byte> pool = CreatePool();
        using IMemoryOwner<byte> owner = pool.Rent();
        Assert.Equal(4096, owner.Memory.Length);
    }

    [Fact]
    public void RentZero_ReturnsNonEmptyMemory()
    {
        using MemoryPool<byte> pool = CreatePool();
        using IMemoryOwner<byte> owner = pool.Rent(0);
        Assert.True(owner.Memory.Length > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(4095)]
    [InlineData(4096)]
    public void Rent_ReturnsAtLeastTheRequestedLength(int size)
    {
        using MemoryPool<byte> pool = CreatePool();
        using IMemoryOwner<byte> owner = pool.Rent(size);
        Assert.InRange(owner.Memory.Length, size, pool.MaxBufferSize);
    }

    [Fact]
    public void RentMaxBufferSize_ReturnsExactlyMaxBufferSize()
    {
        using MemoryPool<byte> pool = CreatePool();
        using IMemoryOwner<byte> owner = pool.Rent(pool.MaxBufferSize);
        Assert.Equal(pool.MaxBufferSize, owner.Memory.Length);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void RentBelowMinusOne_Throws(int size)
    {
        using MemoryPool<byte> pool = CreatePool();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(size));
        Assert.Equal("minBufferSize", ex.ParamName);
    }

    [Fact]
    public void RentAboveMaxBufferSize_Throws()
    {
        using MemoryPool<byte> pool = CreatePool();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(pool.MaxBufferSize + 1));
        Assert.Equal("minBufferSize", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(int.MaxValue));
    }

    [Fact]
    public void RentAfterPoolDispose_ThrowsObjectDisposed()
    {
        MemoryPool<byte> pool = CreatePool();
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Fact]
    public void LeaseDisposedAfterPoolDispose_IsDropped_AndASecondDisposeIsIgnored()
    {
        MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte> owner = pool.Rent(100);
        pool.Dispose();
        owner.Dispose();
        owner.Dispose();

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
    }

    [Fact]
    public void DoubleDispose_IsIgnored_AndLaterLeasesNeverShareMemory()
    {
        using MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte> first = pool.Rent(4096);
        first.Dispose();

        // The IDisposable guidelines: a second call does nothing. It must not reach the slot either: the pool counts one
        // return, and the next rents all get memory of their own.
        first.Dispose();
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(1, stats.ReturnCount);
        Assert.Equal(0, stats.InUseBytes);

        var later = Enumerable.Range(0, 64).Select(_ => pool.Rent(4096)).ToList();
        MemoryRegions.AssertDisjoint(later.Select(o => o.Memory));
        MemoryRegions.DisposeAll(later);
        Assert.Equal(GetStatistics(pool).RentCount, GetStatistics(pool).ReturnCount);
    }

    [Fact]
    public void MemoryOfDisposedLease_Throws()
    {
        using MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte> owner = pool.Rent(10);
        owner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => owner.Memory);
    }

    [Fact]
    public void LiveLeasesNeverOverlap()
    {
        using MemoryPool<byte> pool = CreatePool();
        var random = new Random(1234);
        var owners = new List<IMemoryOwner<byte>>();
        for (int i = 0; i < 2000; i++)
        {
            owners.Add(pool.Rent(random.Next(1, Math.Min(pool.MaxBufferSize, 20_000) + 1)));
            if (random.Next(4) == 0)
            {
                int victim = random.Next(owners.Count);
                owners[victim].Dispose();
                owners.RemoveAt(victim);
            }
        }

        MemoryRegions.AssertDisjoint(owners.Select(o => o.Memory));
        MemoryRegions.DisposeAll(owners);
    }

    [Fact]
    public void LeaseReturnedOnAnotherThread_IsReusable()
    {
        using MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte>[] owners = Enumerable.Range(0, 100).Select(_ => pool.Rent(512)).ToArray();
        var other = new Thread(() => MemoryRegions.DisposeAll(owners)) { IsBackground = true };
        other.Start();
        other.Join();

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(100, stats.ReturnCount);
    }

    [Fact]
    public void Statistics_CountRentsReturnsAndBytesInUse()
    {
        using MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte>[] owners = [pool.Rent(4096), pool.Rent(4096), pool.Rent(4096)];
        BufferPoolStatistics during = GetStatistics(pool);
        Assert.Equal(3, during.RentCount);
        Assert.Equal(3 * 4096, during.InUseBytes);
        Assert.True(during.SuperBlockCount >= 1);
        Assert.True(during.ReservedBytes >= during.InUseBytes);
        Assert.Equal(during.SuperBlockCount, during.SuperBlocksAllocated - during.SuperBlocksReleased);

        MemoryRegions.DisposeAll(owners);
        BufferPoolStatistics after = GetStatistics(pool);
        Assert.Equal(3, after.ReturnCount);
        Assert.Equal(0, after.InUseBytes);
    }

    [Fact]
    public void SteadyStateRentAndDispose_AllocatesNothing()
    {
        using MemoryPool<byte> pool = CreatePool();
        RentAndDispose(pool, 2000);

        // Any allocation on the hot path is at least one object (24 bytes) per operation: 2.4 MB over this loop.
        // The bound tolerates only one-off runtime work on this thread (a JIT transition), never a per-op cost.
        const int Operations = 100_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        RentAndDispose(pool, Operations / 2);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (AllocatesPerRent)
        {
            Assert.True(allocated >= 24L * Operations, $"only {allocated} bytes over {Operations} rents, which should allocate an owner each");
        }
        else
        {
            Assert.True(allocated < Operations, $"{allocated} bytes over {Operations} rents and disposes");
        }
    }

    private static void RentAndDispose(MemoryPool<byte> pool, int pairs)
    {
        for (int i = 0; i < pairs; i++)
        {
            pool.Rent(4096).Dispose();
            pool.Rent(100).Dispose();
        }
    }

    [Fact]
    public void Trim_ReleasesIdleSuperBlocks()
    {
        using MemoryPool<byte> pool = CreatePool();
        var owners = Enumerable.Range(0, 2000).Select(_ => pool.Rent(4096)).ToList();
        long peak = GetStatistics(pool).ReservedBytes;
        MemoryRegions.DisposeAll(owners);

        long released = Trim(pool);
        BufferPoolStatistics after = GetStatistics(pool);
        Assert.True(released > 0, "Trim released nothing");
        Assert.Equal(peak - released, after.ReservedBytes);
        Assert.True(after.ReservedBytes < peak / 2, $"reserved {after.ReservedBytes} of a {peak} peak after Trim");
        Assert.True(after.SuperBlocksReleased > 0);

        // The pool still works after releasing.
        using IMemoryOwner<byte> again = pool.Rent(4096);
        Assert.Equal(4096, again.Memory.Length);
    }

    [Fact]
    public async Task TwoThreads_RentStampReturnAcrossThreads_NoStampIsOverwritten()
    {
        using MemoryPool<byte> pool = CreatePool();
        const int PerThread = 20_000;
        var handoff = new BlockingCollection<(IMemoryOwner<byte> Owner, int Stamp)>(boundedCapacity: 256);
        var failures = new ConcurrentQueue<string>();
        int maxSize = Math.Min(pool.MaxBufferSize, 16 * 1024);

        void Verify(IMemoryOwner<byte> owner, int stamp)
        {
            int broken = MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp);
            if (broken >= 0)
            {
                failures.Enqueue($"stamp {stamp:x8} overwritten at int {broken}");
            }

            owner.Dispose();
        }

        void Producer(int threadId)
        {
            var random = new Random(threadId);
            var mine = new Queue<(IMemoryOwner<byte>, int)>();
            for (int i = 0; i < PerThread; i++)
            {
                int stamp = (threadId << 24) | i;
                IMemoryOwner<byte> owner = pool.Rent(random.Next(1, maxSize + 1));
                MemoryRegions.Stamp(owner.Memory.Span, stamp);
                if ((i & 1) == 0)
                {
                    handoff.Add((owner, stamp));
                }
                else
                {
                    mine.Enqueue((owner, stamp));
                }

                // Keep a window of live leases so that rents interleave with other live memory.
                if (mine.Count > 16)
                {
                    (IMemoryOwner<byte> o, int s) = mine.Dequeue();
                    Verify(o, s);
                }

                // Return what the other thread handed over: a cross-thread return.
                while (handoff.TryTake(out var item))
                {
                    Verify(item.Owner, item.Stamp);
                    if (random.Next(2) == 0)
                    {
                        break;
                    }
                }
            }

            while (mine.Count > 0)
            {
                (IMemoryOwner<byte> o, int s) = mine.Dequeue();
                Verify(o, s);
            }
        }

        Task[] tasks = [Task.Factory.StartNew(() => Producer(1), TaskCreationOptions.LongRunning), Task.Factory.StartNew(() => Producer(2), TaskCreationOptions.LongRunning)];
        await Task.WhenAll(tasks).WaitAsync(TestTimeouts.Concurrent);
        while (handoff.TryTake(out var rest))
        {
            Verify(rest.Owner, rest.Stamp);
        }

        Assert.Empty(failures);
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(2 * PerThread, stats.RentCount);
        Assert.Equal(2 * PerThread, stats.ReturnCount);
        Assert.Equal(0, stats.InUseBytes);
    }

    [Fact]
    public async Task RentAndReturnWhileAnotherThreadTrims_NoStampIsOverwritten()
    {
        using MemoryPool<byte> pool = CreatePool();
        TrimRaceResult result = await ConcurrentWorkloads.RentReturnWhileTrimming(pool, () => Trim(pool));

        Assert.Empty(result.Failures);
        Assert.True(result.TrimPasses > 0, "the trimmer never ran while the workers did");
        Assert.Equal(0, GetStatistics(pool).InUseBytes);
    }

    [Fact]
    public void ADisposedPool_ReportsNothingInUse_OnceItsLeasesAreBack()
    {
        MemoryPool<byte> pool = CreatePool();
        IMemoryOwner<byte>[] leases = [pool.Rent(100), pool.Rent(4096), pool.Rent(pool.MaxBufferSize)];
        pool.Dispose();
        Assert.True(GetStatistics(pool).InUseBytes > 0);

        var other = new Thread(() => leases[0].Dispose());
        other.Start();
        other.Join();
        leases[1].Dispose();
        leases[2].Dispose();

        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
    }
}
