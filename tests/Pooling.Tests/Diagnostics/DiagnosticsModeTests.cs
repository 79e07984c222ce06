using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BufferPool.Diagnostics;
using BufferPool.Leases;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Diagnostics;

[Collection(DiagnosticsCollection.Name)]
public sealed class DiagnosticsModeTests
{
    public static TheoryData<string> Kinds => new() { "small-block", "bitmap" };

    private static MemoryPool<byte> Create(string kind) => kind == "bitmap"
        ? new BitmapMemoryPool(new BitmapPoolOptions { DiagnosticsMode = true })
        : new SmallBlockMemoryPool(new SmallBlockPoolOptions { DiagnosticsMode = true });

    private static IReadOnlyList<BufferPoolLeak> Leaks(MemoryPool<byte> pool) =>
        pool is BitmapMemoryPool bitmap ? bitmap.GetLeaks() : ((SmallBlockMemoryPool)pool).GetLeaks();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LeasesNeverReturned_AreReportedWithWhereTheyWereRented(string kind)
    {
        using MemoryPool<byte> pool = Create(kind);
        IMemoryOwner<byte> kept = RentHere(pool);
        pool.Rent(100).Dispose();

        BufferPoolLeak leak = Assert.Single(Leaks(pool));
        Assert.Equal(kept.Memory.Length, leak.Bytes);
        Assert.Contains(nameof(RentHere), leak.StackTrace);
        kept.Dispose();
        Assert.Empty(Leaks(pool));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LeaksAreRaisedAsEvents_WhenThePoolIsDisposed(string kind)
    {
        using var listener = new WarningListener();
        MemoryPool<byte> pool = Create(kind);
        _ = RentHere(pool);
        pool.Dispose();

        EventWrittenEventArgs leak = Assert.Single(listener.Events, e => e.EventName == "LeakDetected" && (string)e.Payload![0]! == kind);
        Assert.Contains(nameof(RentHere), (string)leak.Payload![2]!);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReturnedMemory_IsPoisoned_AndAWriteAfterReturnIsCaughtOnTheNextRent(string kind)
    {
        using var listener = new WarningListener();
        using MemoryPool<byte> pool = Create(kind);
        IMemoryOwner<byte> owner = pool.Rent(100);
        Assert.True(MemoryMarshal.TryGetArray<byte>(owner.Memory, out ArraySegment<byte> segment));
        owner.Memory.Span.Fill(0x11);
        owner.Dispose();
        Assert.All(segment, b => Assert.Equal(DiagnosticTracker.Poison, b));

        // A write through a reference kept past the return.
        segment.AsSpan()[7] = 0x42;
        var ex = Assert.Throws<InvalidOperationException>(() => pool.Rent(100));
        Assert.Contains("written after it was returned", ex.Message);
        Assert.Contains(listener.Events, e => e.EventName == "WriteAfterReturn" && (int)e.Payload![1]! == 7);

        // Nothing is corrupted: the slot was poisoned again and later leases are distinct and intact.
        var owners = Enumerable.Range(0, 50).Select(_ => pool.Rent(100)).ToList();
        MemoryRegions.AssertDisjoint(owners.Select(o => o.Memory));
        MemoryRegions.DisposeAll(owners);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AStaleLease_IsCaught_EvenAfterItsSlotWasRentedAgain(string kind)
    {
        using var listener = new WarningListener();
        using MemoryPool<byte> pool = Create(kind);
        IMemoryOwner<byte> stale = pool.Rent(100);
        var staleRegion = MemoryRegions.Of(stale.Memory);
        stale.Dispose();

        // The slot comes straight back from this thread's cache: the stale reference now aliases a live lease.
        IMemoryOwner<byte> current = pool.Rent(100);
        Assert.Equal(staleRegion, MemoryRegions.Of(current.Memory));

        // The stale dispose is ignored, and reported; the stale Memory throws, and is reported.
        stale.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stale.Memory);
        Assert.Equal(2, listener.Events.Count(e => e.EventName == "StaleLeaseUsed"));

        // The current holder keeps its memory: the next lease does not share it.
        MemoryRegions.Stamp(current.Memory.Span, 0x01020304);
        using IMemoryOwner<byte> next = pool.Rent(100);
        MemoryRegions.AssertDisjoint([current.Memory, next.Memory]);
        Assert.Equal(-1, MemoryRegions.FindBrokenStamp(current.Memory.Span, 0x01020304));
        current.Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentHere(MemoryPool<byte> pool) => pool.Rent(1000);

    private sealed class WarningListener : EventListener
    {
        public ConcurrentQueue<EventWrittenEventArgs> Events { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == BufferPoolEventSource.EventSourceName)
            {
                EnableEvents(source, EventLevel.Warning);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e) => Events.Enqueue(e);
    }
}
