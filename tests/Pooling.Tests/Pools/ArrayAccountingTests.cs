using System.Runtime.CompilerServices;
using BufferPool.Pools;

namespace BufferPool.Tests.Pools;

/// <summary>
/// An array pool's ownership books, on their own: which arrays it owns and their bytes, the budget they may not pass,
/// what a drop gives back, and that no foreign array, double drop or race moves a figure off the truth.
/// </summary>
public sealed class ArrayAccountingTests
{
    [Fact]
    public void ByteLength_IsTheLengthTimesTheElementSize()
    {
        Assert.Equal(10, ArrayAccounting<byte>.ByteLength(new byte[10]));
        Assert.Equal(20, ArrayAccounting<char>.ByteLength(new char[10]));
        Assert.Equal(80, ArrayAccounting<long>.ByteLength(new long[10]));
        Assert.Equal(0, ArrayAccounting<long>.ByteLength([]));
    }

    [Fact]
    public void WithoutABudget_EveryAllocationSucceeds_AndIsCounted()
    {
        var books = new ArrayAccounting<int>(maxReservedBytes: null);
        Assert.False(books.HasBudget);

        int[][] arrays = [.. new[] { 10, 20, 30 }.Select(length => books.TryAllocate(length)!)];

        Assert.Equal([10, 20, 30], arrays.Select(a => a.Length));
        Assert.Equal(new PoolFigures(Count: 3, ReservedBytes: 60 * sizeof(int), Allocated: 3, Released: 0, ThresholdHits: 7), books.GetFigures(thresholdHits: 7));
    }

    [Fact]
    public void TryAllocate_RefusesWhatWouldPassTheBudget_AndTakesAnExactFit()
    {
        var books = new ArrayAccounting<char>(maxReservedBytes: 200);
        Assert.True(books.HasBudget);

        Assert.NotNull(books.TryAllocate(60));
        Assert.Null(books.TryAllocate(41));
        Assert.NotNull(books.TryAllocate(40));
        Assert.Null(books.TryAllocate(1));

        PoolFigures figures = books.GetFigures(0);
        Assert.Equal(2, figures.Count);
        Assert.Equal(200, figures.ReservedBytes);
        Assert.Equal(2, figures.Allocated);
    }

    [Fact]
    public void Drop_GivesBackTheBytesOfAnOwnedArray_Once_AndZeroForAForeignOne()
    {
        var books = new ArrayAccounting<int>(maxReservedBytes: 100);
        int[] owned = books.TryAllocate(20)!;
        int[] kept = books.TryAllocate(5)!;
        Assert.Null(books.TryAllocate(1));

        Assert.Equal(80, books.Drop(owned));
        Assert.Equal(0, books.Drop(owned));
        Assert.Equal(0, books.Drop(new int[20]));

        Assert.Equal(new PoolFigures(Count: 1, ReservedBytes: 20, Allocated: 2, Released: 1, ThresholdHits: 0), books.GetFigures(0));

        // The budget has the dropped bytes back, and only those.
        Assert.NotNull(books.TryAllocate(20));
        Assert.Null(books.TryAllocate(1));
        Assert.Equal(20, books.Drop(kept));
    }

    [Fact]
    public void DroppingEverything_AndMore_LeavesTheFiguresAtZero_NeverBelow()
    {
        var books = new ArrayAccounting<byte>(maxReservedBytes: 1000);
        byte[][] arrays = [.. Enumerable.Range(1, 10).Select(i => books.TryAllocate(i * 10)!)];

        long dropped = 0;
        foreach (byte[] array in arrays.Concat(arrays).Append(new byte[50]))
        {
            dropped += books.Drop(array);
        }

        Assert.Equal(550, dropped);
        Assert.Equal(new PoolFigures(Count: 0, ReservedBytes: 0, Allocated: 10, Released: 10, ThresholdHits: 0), books.GetFigures(0));
        Assert.NotNull(books.TryAllocate(1000));
    }

    [Fact]
    public void OwnsOrAdopts_KeepsItsOwn_AdoptsAStrangersWhileTheBudgetHasRoom_AndNeverCountsOneTwice()
    {
        var books = new ArrayAccounting<byte>(maxReservedBytes: 100);
        byte[] owned = books.TryAllocate(60)!;
        byte[] fits = new byte[30], tooLong = new byte[20];

        Assert.True(books.OwnsOrAdopts(owned));
        Assert.True(books.OwnsOrAdopts(fits));
        Assert.True(books.OwnsOrAdopts(fits));
        Assert.False(books.OwnsOrAdopts(tooLong));
        Assert.False(books.OwnsOrAdopts(tooLong));

        Assert.Equal(new PoolFigures(Count: 2, ReservedBytes: 90, Allocated: 2, Released: 0, ThresholdHits: 0), books.GetFigures(0));

        // An adopted array is the pool's like any other: a drop gives its bytes back.
        Assert.Equal(30, books.Drop(fits));
        Assert.Equal(0, books.Drop(tooLong));
        Assert.True(books.OwnsOrAdopts(tooLong));
        Assert.Equal(80, books.GetFigures(0).ReservedBytes);
    }

    [Fact]
    public void Unpooled_TellsAnArrayHandedOutFromAStrangers_OnceEach_AndIsNoPartOfTheFigures()
    {
        var books = new ArrayAccounting<byte>(maxReservedBytes: 10);
        byte[] handedOut = new byte[100], again = new byte[100];

        books.AddUnpooled(handedOut);
        books.AddUnpooled(again);
        books.AddUnpooled(again);

        Assert.Equal(new PoolFigures(0, 0, 0, 0, 0), books.GetFigures(0));
        Assert.True(books.RemoveUnpooled(handedOut));
        Assert.False(books.RemoveUnpooled(handedOut));
        Assert.True(books.RemoveUnpooled(again));
        Assert.False(books.RemoveUnpooled(again));
        Assert.False(books.RemoveUnpooled(new byte[100]));

        // Nor does it make the array the pool's.
        Assert.Equal(0, books.Drop(handedOut));
    }

    [Fact]
    public void GetFigures_ForgetsOwnedArraysTheGCCollected_AndGivesTheBudgetTheirRoom()
    {
        var books = new ArrayAccounting<byte>(maxReservedBytes: 1000);
        byte[] kept = books.TryAllocate(100)!;
        AllocateAndLose(books, 600);
        AllocateAndLose(books, 300);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Collected is not released: the pool did not let go of them, a caller did.
        Assert.Equal(new PoolFigures(Count: 1, ReservedBytes: 100, Allocated: 3, Released: 0, ThresholdHits: 0), books.GetFigures(0));
        Assert.NotNull(books.TryAllocate(900));
        Assert.Equal(100, books.Drop(kept));
        GC.KeepAlive(kept);
    }

    [Fact]
    public void ConcurrentAllocationsAndDrops_NeverPassTheBudget_AndBalanceExactly()
    {
        const int Threads = 4, Fits = 1000, Length = 16;
        var books = new ArrayAccounting<byte>(maxReservedBytes: Fits * Length);
        var taken = new List<byte[]>[Threads];
        using var start = new Barrier(Threads);

        RunAll(Threads, t =>
        {
            start.SignalAndWait();
            taken[t] = [];
            for (int i = 0; i < Fits; i++)
            {
                if (books.TryAllocate(Length) is { } array)
                {
                    taken[t].Add(array);
                }
            }
        });

        Assert.Equal(Fits, taken.Sum(list => list.Count));
        Assert.Equal(new PoolFigures(Fits, Fits * Length, Fits, 0, 0), books.GetFigures(0));

        // Each array dropped by two threads at once: its bytes come back exactly once.
        long[] dropped = new long[Threads];
        byte[][] all = [.. taken.SelectMany(list => list)];
        RunAll(Threads, t =>
        {
            start.SignalAndWait();
            for (int i = 0; i < all.Length; i++)
            {
                dropped[t] += books.Drop(all[(i + (t / 2 * all.Length / 2)) % all.Length]);
            }
        });

        Assert.Equal(Fits * Length, dropped.Sum());
        Assert.Equal(new PoolFigures(0, 0, Fits, Fits, 0), books.GetFigures(0));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateAndLose(ArrayAccounting<byte> books, int length) => Assert.NotNull(books.TryAllocate(length));

    private static void RunAll(int threads, Action<int> body)
    {
        Thread[] workers = [.. Enumerable.Range(0, threads).Select(t => new Thread(() => body(t)) { IsBackground = true })];
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        Assert.All(workers, worker => Assert.True(worker.Join(TestTimeouts.Concurrent), "a worker did not finish"));
    }
}
