using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using BufferPool.Tests.Contracts;
using BufferPool.ThreadCaching;

namespace BufferPool.Tests.ThreadCaching;

/// <summary>
/// The transfer cache between the threads' caches and the free lists: batches move whole, nothing is lost or handed
/// out twice when one thread rents and another returns, and a trim takes every parked batch back.
/// </summary>
public sealed class TransferCacheTests
{
    [Fact]
    public void Batches_GoInFullAndComeOutWhole_InOrder_UntilNoneIsLeft()
    {
        var transfer = new TransferCache(batchSize: 4, batchCount: 4);
        for (int lap = 0; lap < 3; lap++)
        {
            for (int b = 0; b < 4; b++)
            {
                Assert.True(transfer.TryBeginPut(out int batch, out long ticket));
                Span<object?> items = transfer.ItemsOf(batch);
                for (int i = 0; i < 4; i++)
                {
                    items[i] = $"{lap}:{b}:{i}";
                }

                transfer.EndPut(batch, ticket);
            }

            Assert.Equal(4, transfer.FullBatches);
            Assert.False(transfer.TryBeginPut(out _, out _));

            Assert.True(transfer.TryBeginTake(out int taken, out long takeTicket));
            Assert.Equal([$"{lap}:0:0", $"{lap}:0:1", $"{lap}:0:2", $"{lap}:0:3"], transfer.ItemsOf(taken).ToArray());
            transfer.ItemsOf(taken).Clear();
            transfer.EndTake(taken, takeTicket);

            var rest = new List<(int SizeClass, object Item)>();
            transfer.TakeAll(7, rest);
            Assert.Equal(12, rest.Count);
            Assert.All(rest, r => Assert.Equal(7, r.SizeClass));
            Assert.Equal(0, transfer.FullBatches);
            Assert.False(transfer.TryBeginTake(out _, out _));
        }
    }

    [Fact]
    public void APutterBetweenClaimAndRelease_MakesTakersGoElsewhere_NotWait()
    {
        var transfer = new TransferCache(batchSize: 2, batchCount: 2);
        Assert.True(transfer.TryBeginPut(out int batch, out long ticket));
        Assert.False(transfer.TryBeginTake(out _, out _));
        transfer.ItemsOf(batch).Fill("x");
        transfer.EndPut(batch, ticket);
        Assert.True(transfer.TryBeginTake(out int taken, out long takeTicket));
        transfer.ItemsOf(taken).Clear();
        transfer.EndTake(taken, takeTicket);
    }

    public static TheoryData<string> Kinds => ["small-block", "bitmap"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReturnsOnOneThread_ParkBatches_ThatRentsOnAnotherTakeWhole_AndATrimTakesTheRestBack(string kind)
    {
        using BufferMemoryPool pool = Create(kind, LeaseMode.Reused);
        ThreadCacheSet caches = CachesOf(pool);
        int sizeClass = ClassOf(pool);

        // The renter's thread takes 64 leases; the returner's thread gives them back, overflowing its cache of 8 seven times.
        IMemoryOwner<byte>[] leases = await OnThread(() => Enumerable.Range(0, 64).Select(_ => pool.Rent(4096)).ToArray());
        await OnThread(() => Array.ForEach(leases, l => l.Dispose()));
        int parked = caches.TransferredBatches(sizeClass);
        Assert.True(parked > 0, "the returner's overflow was parked in batches");

        // The renter takes parked batches back whole, before it touches the free lists.
        IMemoryOwner<byte>[] again = await OnThread(() => Enumerable.Range(0, 8).Select(_ => pool.Rent(4096)).ToArray());
        Assert.True(caches.TransferredBatches(sizeClass) < parked);
        MemoryRegions.AssertDisjoint(again.Select(l => l.Memory));
        await OnThread(() => Array.ForEach(again, l => l.Dispose()));

        pool.Trim();
        Assert.Equal(0, caches.TransferredBatches(sizeClass));
        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
    }

    /// <summary>
    /// The largest classes keep one or two items per thread, and Kestrel's output rents them on one thread and returns
    /// them on another: they must still move in batches, not item by item through the free lists.
    /// </summary>
    [Theory]
    [InlineData(32 * 1024)]
    [InlineData(64 * 1024)]
    public async Task LargeClasses_RentedHere_ReturnedThere_StillMoveInBatches(int size)
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        ThreadCacheSet caches = pool.Engine.Caches;
        int sizeClass = pool.Engine.Classes.GetIndex(size);

        IMemoryOwner<byte>[] leases = await OnThread(() => Enumerable.Range(0, 16).Select(_ => pool.Rent(size)).ToArray());
        await OnThread(() => Array.ForEach(leases, l => l.Dispose()));
        Assert.True(caches.TransferredBatches(sizeClass) > 0, $"the returner's overflow of {size} B items was parked in batches");

        IMemoryOwner<byte>[] again = await OnThread(() => Enumerable.Range(0, 4).Select(_ => pool.Rent(size)).ToArray());
        MemoryRegions.AssertDisjoint(again.Select(l => l.Memory));
        await OnThread(() => Array.ForEach(again, l => l.Dispose()));
        pool.Trim();
        Assert.Equal(0, caches.TransferredBatches(sizeClass));
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    public static TheoryData<string, string> KindsAndModes => new()
    {
        { "small-block", "trusted" }, { "small-block", "reused" }, { "small-block", "per-rent" },
        { "bitmap", "trusted" }, { "bitmap", "reused" }, { "bitmap", "per-rent" },
    };

    /// <summary>
    /// Kestrel's pattern under stress: two threads rent and stamp, two others verify and dispose, a fifth trims. Every
    /// buffer carries a unique stamp, checked on return; every live buffer is registered by where it starts, so two
    /// live rents of the same memory are caught the moment the second one is made.
    /// </summary>
    [Theory]
    [MemberData(nameof(KindsAndModes))]
    public async Task RentHereReturnThere_WhileTrimming_KeepsEveryStamp_AndNeverHandsOutLiveMemory(string kind, string mode)
    {
        const int Producers = 2, Consumers = 2, PerProducer = 20_000, MaxInFlight = 512;
        using BufferMemoryPool pool = Create(kind, mode == "per-rent" ? LeaseMode.PerRent : LeaseMode.Reused);
        // "trusted" rents where Kestrel does: through an owner's view, with the plain-store dispose.
        using MemoryPool<byte> view = pool.CreateView("kestrel");
        Func<IMemoryOwner<byte>> rent = mode == "trusted" ? () => view.Rent(4096) : () => pool.Rent(4096);
        var queue = new ConcurrentQueue<(IMemoryOwner<byte> Owner, int Stamp)>();
        var live = new ConcurrentDictionary<(byte[] Array, int Offset), int>(new RegionComparer());
        var failures = new ConcurrentQueue<string>();
        int producing = Producers;

        void Produce(int id)
        {
            try
            {
                for (int i = 0; i < PerProducer; i++)
                {
                    while (queue.Count > MaxInFlight)
                    {
                        Thread.Yield();
                    }

                    IMemoryOwner<byte> owner = rent();
                    int stamp = (id << 24) | i;
                    if (!live.TryAdd(Key(owner), stamp))
                    {
                        failures.Enqueue($"stamp {stamp:x8}: memory of a live lease was handed out again");
                    }

                    MemoryRegions.Stamp(owner.Memory.Span, stamp);
                    queue.Enqueue((owner, stamp));
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"producer {id}: {e}");
            }
            finally
            {
                Interlocked.Decrement(ref producing);
            }
        }

        void Consume()
        {
            try
            {
                while (Volatile.Read(ref producing) > 0 || !queue.IsEmpty)
                {
                    if (!queue.TryDequeue(out var entry))
                    {
                        Thread.Yield();
                        continue;
                    }

                    int broken = MemoryRegions.FindBrokenStamp(entry.Owner.Memory.Span, entry.Stamp);
                    if (broken >= 0)
                    {
                        failures.Enqueue($"stamp {entry.Stamp:x8} overwritten at int {broken}");
                    }

                    // Unregister before the dispose: after it, another thread may rent the same memory at once.
                    if (!live.TryRemove(Key(entry.Owner), out int registered) || registered != entry.Stamp)
                    {
                        failures.Enqueue($"stamp {entry.Stamp:x8}: its memory was registered to {registered:x8}");
                    }

                    entry.Owner.Dispose();
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"consumer: {e}");
            }
        }

        using (BackgroundLoop.Start(() => pool.Trim(), sleep: true))
        {
            Task[] tasks =
            [
                .. Enumerable.Range(1, Producers).Select(id => Task.Factory.StartNew(() => Produce(id), TaskCreationOptions.LongRunning)),
                .. Enumerable.Range(0, Consumers).Select(_ => Task.Factory.StartNew(Consume, TaskCreationOptions.LongRunning)),
            ];
            await Task.WhenAll(tasks).WaitAsync(TestTimeouts.Concurrent);
        }

        Assert.Empty(failures);
        Assert.Empty(live);

        // Everything came back, and a trim takes back what the threads' caches and the transfer cache still hold.
        pool.Trim();
        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(0, stats.InUseBytes);
        Assert.Equal(stats.RentCount, stats.ReturnCount);
        Assert.Equal(0, CachesOf(pool).TransferredBatches(ClassOf(pool)));
        Assert.True(stats.ReservedBytes <= 2L * 1024 * 1024, $"reserved {stats.ReservedBytes} B after the final trim");
    }

    private static BufferMemoryPool Create(string kind, LeaseMode mode) => kind switch
    {
        "small-block" => new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = mode }),
        _ => new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = mode }),
    };

    private static ThreadCacheSet CachesOf(BufferMemoryPool pool) => pool switch
    {
        SmallBlockMemoryPool s => s.Engine.Caches,
        BitmapMemoryPool b => b.Engine.Caches,
        _ => throw new ArgumentOutOfRangeException(nameof(pool)),
    };

    private static int ClassOf(BufferMemoryPool pool) => pool is SmallBlockMemoryPool s ? s.Engine.Classes.GetIndex(4096) : 0;

    private static (byte[] Array, int Offset) Key(IMemoryOwner<byte> owner)
    {
        Assert.True(MemoryMarshal.TryGetArray<byte>(owner.Memory, out ArraySegment<byte> segment));
        return (segment.Array!, segment.Offset);
    }

    private static Task<T> OnThread<T>(Func<T> work) => Task.Factory.StartNew(work, TaskCreationOptions.LongRunning);

    private static Task OnThread(Action work) => Task.Factory.StartNew(work, TaskCreationOptions.LongRunning);

    private sealed class RegionComparer : IEqualityComparer<(byte[] Array, int Offset)>
    {
        public bool Equals((byte[] Array, int Offset) x, (byte[] Array, int Offset) y) => ReferenceEquals(x.Array, y.Array) && x.Offset == y.Offset;

        public int GetHashCode((byte[] Array, int Offset) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Array), obj.Offset);
    }
}
