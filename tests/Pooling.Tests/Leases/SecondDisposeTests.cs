using System.Buffers;
using System.Collections.Concurrent;
using BufferPool.Tests.Contracts;
using BufferPool.Tests.Diagnostics;

namespace BufferPool.Tests.Leases;

/// <summary>
/// A second <c>Dispose</c> of a lease, in every mode: ignored, as the <see cref="IDisposable"/> guidelines ask and as
/// <c>MemoryPool&lt;byte&gt;.Shared</c>'s owners do; never reaching the slot, so no later rent shares memory with a live
/// lease; and reported where the mode tracks leases (diagnostics mode, sampled tracking). Runs alone: the events are
/// process-wide.
/// </summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class SecondDisposeTests
{
    /// <summary>Every mode a lease can be handed out in; <c>view</c> is an owner's view, Kestrel's trusted path.</summary>
    public static TheoryData<string, string> KindsAndModes => Cross(["per-rent", "reused", "sampled", "sampled-per-rent", "diagnostics", "fallback", "view"]);

    /// <summary>The modes with an owner object per rent, which a stale reference cannot reach the slot through.</summary>
    public static TheoryData<string, string> KindsAndOneUseModes => Cross(["per-rent", "sampled", "sampled-per-rent", "diagnostics", "fallback"]);

    /// <summary>Every mode but the view's, whose trusted caller promises not to race two disposes (docs/contract.md).</summary>
    public static TheoryData<string, string> KindsAndGuardedModes => Cross(["per-rent", "reused", "sampled", "sampled-per-rent", "diagnostics", "fallback"]);

    private static TheoryData<string, string> Cross(string[] modes)
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in new[] { "small-block", "bitmap" })
        {
            foreach (string mode in modes)
            {
                data.Add(kind, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndModes))]
    public void ASecondDispose_InSequence_IsIgnored_AndNoLaterRentSharesALiveLeasesMemory(string kind, string mode)
    {
        using var listener = new WarningListener();
        using var setup = Setup.Create(kind, mode);
        IMemoryOwner<byte> lease = setup.Rent();
        BufferPoolStatistics rented = setup.Pool.GetStatistics();
        lease.Dispose();
        lease.Dispose();

        BufferPoolStatistics after = setup.Pool.GetStatistics();
        Assert.Equal(rented.RentCount, after.RentCount);
        Assert.Equal(rented.ReturnCount + 1, after.ReturnCount);
        Assert.Equal(setup.HeldBytes, after.InUseBytes);
        setup.AssertLaterRentsAreDisjoint();
        setup.AssertReported(listener, expected: setup.Tracks ? 1 : 0);
    }

    [Theory]
    [MemberData(nameof(KindsAndOneUseModes))]
    public void ASecondDispose_AfterTheSlotWasRentedAgain_IsIgnored_AndTheNewRentersMemoryStaysItsOwn(string kind, string mode)
    {
        using var listener = new WarningListener();
        using var setup = Setup.Create(kind, mode);
        IMemoryOwner<byte> stale = setup.Rent();
        stale.Dispose();
        IMemoryOwner<byte> live = setup.Rent();
        MemoryRegions.Stamp(live.Memory.Span, 0x5A5A5A5A);

        stale.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stale.Memory);

        IMemoryOwner<byte>[] next = [.. Enumerable.Range(0, 16).Select(_ => setup.Rent())];
        AssertDisjoint([live, .. next]);
        foreach (IMemoryOwner<byte> lease in next)
        {
            MemoryRegions.Stamp(lease.Memory.Span, 0x0F0F0F0F);
        }

        Assert.Equal(-1, MemoryRegions.FindBrokenStamp(live.Memory.Span, 0x5A5A5A5A));
        MemoryRegions.DisposeAll([live, .. next]);
        BufferPoolStatistics stats = setup.Pool.GetStatistics();
        Assert.Equal(stats.RentCount, stats.ReturnCount + setup.HeldLeases);

        // The stale dispose and the stale Memory, each once.
        setup.AssertReported(listener, expected: setup.Tracks ? 2 : 0);
    }

    [Theory]
    [MemberData(nameof(KindsAndGuardedModes))]
    public void TwoRacingDisposes_ReturnTheSlotOnce_NeitherThrows_AndTrackedModesReportTheLoser(string kind, string mode)
    {
        const int Rounds = 500;
        using var listener = new WarningListener();
        using var setup = Setup.Create(kind, mode);
        BufferPoolStatistics before = setup.Pool.GetStatistics();
        Assert.Empty(ConcurrentWorkloads.RacingDisposes(setup.Rent, Rounds));
        BufferPoolStatistics after = setup.Pool.GetStatistics();
        Assert.Equal(Rounds, after.RentCount - before.RentCount);
        Assert.Equal(Rounds, after.ReturnCount - before.ReturnCount);
        setup.AssertLaterRentsAreDisjoint();
        setup.AssertReported(listener, expected: setup.Tracks ? Rounds : 0);
    }

    /// <summary>A pool in one mode, what it rents from, and the misuse it reported.</summary>
    private sealed class Setup : IDisposable
    {
        private readonly MemoryPool<byte> _source;
        private readonly List<IMemoryOwner<byte>> _held = [];
        private readonly ConcurrentQueue<string> _misuse = new();

        private Setup(string kind, string mode)
        {
            Kind = kind;
            Tracks = mode is "sampled" or "sampled-per-rent" or "diagnostics";
            LeaseMode leaseMode = mode is "per-rent" or "sampled-per-rent" ? LeaseMode.PerRent : LeaseMode.Reused;
            int sampleRate = mode.StartsWith("sampled", StringComparison.Ordinal) ? 1 : 0;
            bool diagnostics = mode == "diagnostics";
            bool fallback = mode == "fallback";
            // The fallback mode's pools have the smallest budget each allows, and no thread cache to hold idle items.
            Pool = kind == "bitmap"
                ? new BitmapMemoryPool(new BitmapPoolOptions
                {
                    LeaseMode = leaseMode, TrackingSampleRate = sampleRate, DiagnosticsMode = diagnostics,
                    MaxReservedBytes = fallback ? 64 * 4096 : null, ThreadCacheSize = fallback ? 0 : 8,
                })
                : new SmallBlockMemoryPool(new SmallBlockPoolOptions
                {
                    LeaseMode = leaseMode, TrackingSampleRate = sampleRate, DiagnosticsMode = diagnostics,
                    SuperBlockSize = fallback ? 64 * 1024 : 1024 * 1024, MaxReservedBytes = fallback ? 64 * 1024 : null, ThreadCacheSize = fallback ? 0 : 8,
                });
            Pool.MisuseDetected += (_, e) => _misuse.Enqueue(e.Message);
            Size = fallback ? Pool.MaxBufferSize : 4096;
            while (fallback)
            {
                // Pooled leases until the budget is spent: every rent after them is a fallback.
                IMemoryOwner<byte> lease = Pool.Rent(Size);
                if (Pool.GetStatistics().FallbackCount > 0)
                {
                    lease.Dispose();
                    break;
                }

                _held.Add(lease);
            }

            HeldLeases = _held.Count;
            HeldBytes = (long)_held.Count * Size;

            _source = mode == "view" ? Pool.CreateView("kestrel") : Pool;
        }

        public BufferMemoryPool Pool { get; }

        public string Kind { get; }

        public bool Tracks { get; }

        public int Size { get; }

        public long HeldBytes { get; }

        public int HeldLeases { get; }

        public static Setup Create(string kind, string mode) => new(kind, mode);

        public IMemoryOwner<byte> Rent() => _source.Rent(Size);

        /// <summary>Rents many at once, stamps each, and checks that none shares memory with another or lost its stamp.</summary>
        public void AssertLaterRentsAreDisjoint()
        {
            IMemoryOwner<byte>[] leases = [.. Enumerable.Range(0, 32).Select(_ => Rent())];
            AssertDisjoint([.. _held, .. leases]);
            for (int i = 0; i < leases.Length; i++)
            {
                MemoryRegions.Stamp(leases[i].Memory.Span, i);
            }

            for (int i = 0; i < leases.Length; i++)
            {
                Assert.Equal(-1, MemoryRegions.FindBrokenStamp(leases[i].Memory.Span, i));
            }

            MemoryRegions.DisposeAll(leases);
        }

        /// <summary>The stale uses reported: as many <c>StaleLeaseUsed</c> events of this kind as misuse-hook messages.</summary>
        public void AssertReported(WarningListener listener, int expected)
        {
            Assert.Equal(expected, listener.Count("StaleLeaseUsed", Kind));
            Assert.Equal(expected, _misuse.Count);
            Assert.All(_misuse, m => Assert.Contains("after it was returned", m));
        }

        public void Dispose()
        {
            MemoryRegions.DisposeAll(_held);
            Pool.Dispose();
        }
    }

    /// <summary>No two of the leases share memory; by span, since a sampled lease does not hand out its array.</summary>
    private static void AssertDisjoint(IReadOnlyList<IMemoryOwner<byte>> leases)
    {
        for (int i = 0; i < leases.Count; i++)
        {
            for (int j = i + 1; j < leases.Count; j++)
            {
                Assert.False(leases[i].Memory.Span.Overlaps(leases[j].Memory.Span), $"leases {i} and {j} share memory");
            }
        }
    }
}
