using System.Buffers;
using System.Collections.Concurrent;
using BufferPool.Leases;
using BufferPool.Tests.Diagnostics;
using BufferPool.ThreadCaching;

namespace BufferPool.Tests.Leases;

/// <summary>
/// What a rent hands out, on its own, over a lease that records how it was marked: the slot's lease itself or a
/// <see cref="PerRentLease"/> around it, as the mode asks; a tracked owner when the sampler or diagnostics mode says so;
/// and the trust rule (a plain <see cref="LeaseMode.Reused"/> rent is guarded, anything with a one-use owner or a
/// trusted caller is not). Runs alone: a tracked lease's second dispose writes a process-wide event.
/// </summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class LeaseIssuerTests
{
    private const string Kind = "issuer-test";

    public static TheoryData<bool, bool> PerRentAndTrustedCaller => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [InlineData(LeaseMode.PerRent, 0, false, true, false)]
    [InlineData(LeaseMode.Reused, 0, false, false, false)]
    [InlineData(LeaseMode.Reused, 8, false, false, true)]
    [InlineData(LeaseMode.PerRent, 1, false, true, true)]
    [InlineData(LeaseMode.Reused, 0, true, false, true)]
    [InlineData(LeaseMode.PerRent, 0, true, true, true)]
    public void PerRentAndTracks_FollowTheMode_TheRate_AndDiagnosticsMode(LeaseMode mode, int rate, bool diagnostics, bool perRent, bool tracks)
    {
        var reporter = new LeaseMisuseReporter(Kind, new object());
        var issuer = new LeaseIssuer(mode, rate, reporter, diagnostics ? new DiagnosticTracker(Kind, reporter) : null);

        Assert.Equal(perRent, issuer.PerRent);
        Assert.Equal(tracks, issuer.Tracks);
        Assert.Same(reporter, issuer.Reporter);
    }

    [Theory]
    [MemberData(nameof(PerRentAndTrustedCaller))]
    public void IssueUntracked_MarksTheLeaseRented_GuardedOnlyForAPlainReusedRent(bool perRent, bool trustedCaller)
    {
        var lease = new RecordingLease();

        IMemoryOwner<byte> issued = LeaseIssuer.IssueUntracked(lease, perRent, trustedCaller);

        Assert.Equal([perRent || trustedCaller], lease.Rents);
        AssertIssuedAsUntracked(lease, issued, perRent);
    }

    [Theory]
    [MemberData(nameof(PerRentAndTrustedCaller))]
    public void Issue_WithoutTracking_IsIssueUntracked_OnEveryRent(bool perRent, bool trustedCaller)
    {
        var issuer = new LeaseIssuer(LeaseMode.Reused, trackingSampleRate: 0, new LeaseMisuseReporter(Kind, new object()), diagnostics: null);
        var cache = new ThreadCache([1], token: 0);
        for (int i = 0; i < 200; i++)
        {
            var lease = new RecordingLease();

            IMemoryOwner<byte> issued = issuer.Issue(lease, perRent, trustedCaller, cache);

            Assert.Equal([perRent || trustedCaller], lease.Rents);
            AssertIssuedAsUntracked(lease, issued, perRent);
        }
    }

    [Theory]
    [MemberData(nameof(PerRentAndTrustedCaller))]
    public void Issue_AtRateOne_TracksEveryRent_WithATrustedSlotLease_AndReportsASecondDispose(bool perRent, bool trustedCaller)
    {
        var reporter = new LeaseMisuseReporter(Kind, new object());
        var misuse = new ConcurrentQueue<string>();
        reporter.Misuse.Add((_, e) => misuse.Enqueue(e.Message));
        var issuer = new LeaseIssuer(perRent ? LeaseMode.PerRent : LeaseMode.Reused, trackingSampleRate: 1, reporter, diagnostics: null);
        var cache = new ThreadCache([1], token: 0);
        for (int i = 0; i < 20; i++)
        {
            var lease = new RecordingLease();

            IMemoryOwner<byte> issued = issuer.Issue(lease, perRent, trustedCaller, cache);

            // The sampled owner lets one Dispose through, so the slot's lease is trusted even for a plain Reused rent.
            Assert.IsType<SampledLease>(issued);
            Assert.Equal([true], lease.Rents);
            issued.Memory.Span.Fill((byte)(i + 1));
            Assert.All(lease.Array.AsSpan(RecordingLease.Offset, RecordingLease.Length).ToArray(), b => Assert.Equal((byte)(i + 1), b));

            issued.Dispose();
            Assert.Equal(1, lease.Returns);
            issued.Dispose();
            Assert.Equal(1, lease.Disposes);
            Assert.Equal(2 * i + 1, misuse.Count);
            Assert.Throws<ObjectDisposedException>(() => issued.Memory);
            Assert.Equal(2 * i + 2, misuse.Count);
        }

        // Each round: the second Dispose, then the Memory read after it, each reported once and in that order.
        Assert.Equal(
            Enumerable.Range(0, 20).SelectMany(_ => new[] { "Dispose", "Memory" }),
            misuse.Select(m => m[(m.IndexOf('(') + 1)..m.IndexOf(')')]));
        Assert.All(misuse, m => Assert.StartsWith($"A {Kind} lease was used (", m));
    }

    [Theory]
    [MemberData(nameof(PerRentAndTrustedCaller))]
    public void Issue_InDiagnosticsMode_GivesEveryRentTheTrackersOwner_EvenAtRateZero(bool perRent, bool trustedCaller)
    {
        var reporter = new LeaseMisuseReporter(Kind, new object());
        var misuse = new ConcurrentQueue<string>();
        reporter.Misuse.Add((_, e) => misuse.Enqueue(e.Message));
        var tracker = new DiagnosticTracker(Kind, reporter);
        var issuer = new LeaseIssuer(perRent ? LeaseMode.PerRent : LeaseMode.Reused, trackingSampleRate: 0, reporter, tracker);
        var cache = new ThreadCache([1], token: 0);
        for (int i = 0; i < 20; i++)
        {
            var lease = new RecordingLease();

            IMemoryOwner<byte> issued = issuer.Issue(lease, perRent, trustedCaller, cache);

            Assert.NotSame(lease, issued);
            Assert.IsNotType<PerRentLease>(issued);
            Assert.IsNotType<SampledLease>(issued);
            Assert.Equal([true], lease.Rents);
            Assert.Equal(RecordingLease.Length, Assert.Single(tracker.GetLeaks()).Bytes);

            issued.Dispose();
            Assert.Equal(1, lease.Returns);
            Assert.Empty(tracker.GetLeaks());
            Assert.All(lease.Array.AsSpan(RecordingLease.Offset, RecordingLease.Length).ToArray(), b => Assert.Equal(DiagnosticTracker.Poison, b));
            issued.Dispose();
            Assert.Equal(1, lease.Disposes);
            Assert.Equal(i + 1, misuse.Count);
        }
    }

    [Theory]
    [MemberData(nameof(PerRentAndTrustedCaller))]
    public void Issue_AboveRateOne_NeverTracksAThreadsFirstRent(bool perRent, bool trustedCaller)
    {
        // The first gap only arms the countdown, so a thread's first rent is no likelier to be tracked than any other.
        var issuer = new LeaseIssuer(LeaseMode.Reused, trackingSampleRate: 2, new LeaseMisuseReporter(Kind, new object()), diagnostics: null);
        var lease = new RecordingLease();

        IMemoryOwner<byte> issued = issuer.Issue(lease, perRent, trustedCaller, new ThreadCache([1], token: 0));

        Assert.Equal([perRent || trustedCaller], lease.Rents);
        AssertIssuedAsUntracked(lease, issued, perRent);
    }

    /// <summary>The lease itself, or a one-use owner around it whose first Dispose alone reaches the slot.</summary>
    private static void AssertIssuedAsUntracked(RecordingLease lease, IMemoryOwner<byte> issued, bool perRent)
    {
        if (!perRent)
        {
            Assert.Same(lease, issued);
            return;
        }

        Assert.IsType<PerRentLease>(issued);
        Assert.True(issued.Memory.Equals(lease.Memory), "the owner's memory is the slot's");
        issued.Dispose();
        issued.Dispose();
        Assert.Equal(1, lease.Disposes);
        Assert.Equal(1, lease.Returns);
        Assert.Throws<ObjectDisposedException>(() => issued.Memory);
    }

    /// <summary>A slot's reused lease over a slice of an array, with a real <see cref="LeaseGuard"/>, that records each rent's trust.</summary>
    private sealed class RecordingLease : IPoolLease
    {
        public const int Offset = 8;
        public const int Length = 48;

        private LeaseGuard _guard;

        public byte[] Array { get; } = new byte[64];

        /// <summary>The <c>trusted</c> argument of each <see cref="OnRent"/>.</summary>
        public List<bool> Rents { get; } = [];

        /// <summary>Calls of <see cref="Dispose"/> that reached the slot.</summary>
        public int Disposes { get; private set; }

        /// <summary>Of those, the ones the guard let through: the slot given back.</summary>
        public int Returns { get; private set; }

        public Memory<byte> Memory => _guard.Guard(Array.AsMemory(Offset, Length));

        public void OnRent(bool trusted)
        {
            Rents.Add(trusted);
            _guard.OnRent(trusted);
        }

        public void Dispose()
        {
            Disposes++;
            if (_guard.TryDispose())
            {
                Returns++;
            }
        }
    }
}
