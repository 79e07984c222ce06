using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BufferPool.Tests.Contracts;
using BufferPool.Tests.Diagnostics;

namespace BufferPool.Tests.Leases;

/// <summary>Sampled tracking (rate 1: every rent is tracked). Runs alone: the events are process-wide.</summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class SampledLeaseTests
{
    public static TheoryData<string, LeaseMode> KindsAndModes => new()
    {
        { "small-block", LeaseMode.PerRent },
        { "small-block", LeaseMode.Reused },
        { "bitmap", LeaseMode.PerRent },
        { "bitmap", LeaseMode.Reused },
    };

    public static TheoryData<string> Kinds => LeaseTestPools.Kinds;

    [Theory]
    [MemberData(nameof(KindsAndModes))]
    public void StaleUseOfASampledLease_IsReportedWithItsRentStack_AndHarmless(string kind, LeaseMode mode)
    {
        using var listener = new WarningListener();
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, mode, sampleRate: 1);
        ConcurrentQueue<string> misuse = LeaseTestPools.Misuse(pool);

        IMemoryOwner<byte> stale = RentSampled(pool);
        Memory<byte> staleMemory = stale.Memory;
        stale.Dispose();
        IMemoryOwner<byte> live = pool.Rent(4096);
        MemoryRegions.Stamp(live.Memory.Span, 0x0BADF00D);

        stale.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stale.Memory);
        Assert.Throws<ObjectDisposedException>(() => staleMemory.Span.Fill(0xFF));

        Assert.Equal(3, listener.Count("StaleLeaseUsed", kind));
        Assert.Equal(3, misuse.Count);
        Assert.All(misuse, m => Assert.Contains(nameof(RentSampled), m));

        // The live lease kept its memory and its stamp.
        using IMemoryOwner<byte> next = pool.Rent(4096);
        Assert.False(Overlaps(live.Memory, next.Memory));
        Assert.Equal(-1, MemoryRegions.FindBrokenStamp(live.Memory.Span, 0x0BADF00D));
        live.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AKeptMemory_KeepsItsOwnerAlive_AndTheOwnerIsReportedAndReturnedOnlyOnceNothingReachesIt(string kind)
    {
        using var listener = new WarningListener();
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.Reused, sampleRate: 1, threadCacheSize: 0);
        ConcurrentQueue<string> misuse = LeaseTestPools.Misuse(pool);

        nint leakedAddress = KeepOnlyTheMemory(pool, misuse, listener, kind);

        // Now nothing refers to the owner: the finalizer reports it and gives its slot back.
        LeaseTestPools.CollectEverything();
        EventWrittenEventArgs leak = Assert.Single(listener.Events, e => e.EventName == "LeakDetected" && (string)e.Payload![0]! == kind);
        Assert.Equal(4096, (int)leak.Payload![1]!);
        string stack = (string)leak.Payload[2]!;
        Assert.Contains(nameof(RentAndDropTheOwner), stack.Split('\n')[0]);
        Assert.DoesNotContain("BufferPool.Leases", stack);
        string message = Assert.Single(misuse);
        Assert.Contains(nameof(RentAndDropTheOwner), message);
        Assert.Equal(0, LeaseTestPools.Statistics(pool).InUseBytes);

        // And its memory is rented again.
        var owners = new List<IMemoryOwner<byte>>();
        bool seen = false;
        for (int i = 0; i < 512 && !seen; i++)
        {
            IMemoryOwner<byte> owner = pool.Rent(4096);
            owners.Add(owner);
            seen = AddressOf(owner.Memory) == leakedAddress;
        }

        Assert.True(seen, "the leaked lease's memory was not rented again");
        MemoryRegions.DisposeAll(owners);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ALeakWhosePoolWasDisposed_IsReported_WithoutThrowingFromTheFinalizer(string kind)
    {
        using var listener = new WarningListener();
        MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.PerRent, sampleRate: 1);

        // A host's logger may be gone by then too; its exception must not reach the finalizer thread.
        int calls = 0;
        ((BufferMemoryPool)pool).MisuseDetected += (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new ObjectDisposedException("logger");
        };

        LeakOne(pool);
        pool.Dispose();
        LeaseTestPools.CollectEverything();

        Assert.Equal(1, listener.Count("LeakDetected", kind));
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    [Fact]
    public void ASampledMemory_IsNotArrayBacked_AndPinsTheSlotsMemory()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { TrackingSampleRate = 1 });
        using IMemoryOwner<byte> owner = pool.Rent(100);
        Assert.False(MemoryMarshal.TryGetArray<byte>(owner.Memory, out _));
        owner.Memory.Span[3] = 42;
        unsafe
        {
            using MemoryHandle handle = owner.Memory[3..].Pin();
            Assert.Equal(42, *(byte*)handle.Pointer);
            Assert.Equal(AddressOf(owner.Memory) + 3, (nint)handle.Pointer);
        }
    }

    /// <summary>
    /// Keeps only the Memory of a sampled lease, collects, and checks that the owner was neither reported nor
    /// recycled: no later rent overlaps it or disturbs its stamp. Returns its address for the caller's check.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint KeepOnlyTheMemory(MemoryPool<byte> pool, ConcurrentQueue<string> misuse, WarningListener listener, string kind)
    {
        Memory<byte> kept = RentAndDropTheOwner(pool);
        MemoryRegions.Stamp(kept.Span, 0x5EED5EED);
        LeaseTestPools.CollectEverything();
        Assert.Empty(misuse);
        Assert.Equal(0, listener.Count("LeakDetected", kind));

        var owners = Enumerable.Range(0, 300).Select(_ => pool.Rent(4096)).ToList();
        foreach (IMemoryOwner<byte> owner in owners)
        {
            Assert.False(Overlaps(kept, owner.Memory), "a rent was given memory that a kept Memory<byte> still refers to");
            MemoryRegions.Stamp(owner.Memory.Span, 0x0D15EA5E);
        }

        Assert.Equal(-1, MemoryRegions.FindBrokenStamp(kept.Span, 0x5EED5EED));
        MemoryRegions.DisposeAll(owners);
        Assert.Equal(kept.Length, LeaseTestPools.Statistics(pool).InUseBytes);
        return AddressOf(kept);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Memory<byte> RentAndDropTheOwner(MemoryPool<byte> pool) => pool.Rent(4096).Memory;

    /// <summary>Rents and drops in a frame of its own, so no temporary of the test keeps the owner reachable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakOne(MemoryPool<byte> pool) => RentAndDropTheOwner(pool);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentSampled(MemoryPool<byte> pool) => pool.Rent(4096);

    /// <summary>The pools' memory is on the pinned object heap, so an address taken here stays valid.</summary>
    private static unsafe nint AddressOf(Memory<byte> memory) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory.Span));

    private static bool Overlaps(Memory<byte> a, Memory<byte> b)
    {
        nint start = AddressOf(a), other = AddressOf(b);
        return start < other + b.Length && other < start + a.Length;
    }
}
