using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.ThreadCaching;

namespace BufferPool.Leases;

/// <summary>
/// Turns a freshly rented slot lease into what a <see cref="MemoryPool{T}"/>'s <c>Rent</c> returns, as
/// <see cref="LeaseMode"/>, the tracking sample rate and diagnostics mode say. A struct, so that a pool holds its
/// settings inline and an untracked rent costs one field read and one branch before the lease goes out.
/// </summary>
internal readonly struct LeaseIssuer
{
    // How often a rent is tracked: the sample rate, or 1 in diagnostics mode (every rent gets the tracker's owner).
    // One field for both, so that the untracked path tests one value.
    private readonly int _trackingRate;
    private readonly bool _perRent;
    private readonly DiagnosticTracker? _diagnostics;

    public LeaseIssuer(LeaseMode mode, int trackingSampleRate, LeaseMisuseReporter reporter, DiagnosticTracker? diagnostics)
    {
        _perRent = mode == LeaseMode.PerRent;
        _diagnostics = diagnostics;
        _trackingRate = diagnostics is not null ? 1 : trackingSampleRate;
        Reporter = reporter;
    }

    /// <summary>Where tracked leases report; it also carries the misuse hook the pool exposes.</summary>
    public LeaseMisuseReporter Reporter { get; }

    /// <summary>Whether this pool's own <c>Rent</c> hands out one owner object per rent.</summary>
    public bool PerRent => _perRent;

    /// <summary>Whether some rents are tracked (sampling or diagnostics mode); if not, <see cref="IssueUntracked"/> may be used.</summary>
    public bool Tracks => _trackingRate != 0;

    /// <summary>
    /// Issues <paramref name="lease"/> in the mode the caller asks for; tracking applies either way, sampled on the
    /// thread cache the rent came through.
    /// </summary>
    /// <remarks>
    /// Marks the lease rented. It is trusted (a plain-store dispose, see <see cref="LeaseGuard"/>) whenever something
    /// other than a user's plain <see cref="LeaseMode.Reused"/> rent owns it: a one-use wrapper, whose atomic exchange
    /// lets a single <c>Dispose</c> through, or a caller that disposes exactly once (<paramref name="trustedCaller"/>).
    /// Generic, so that inlined into a pool's sealed <c>Rent</c> the call to <c>OnRent</c> is direct.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IMemoryOwner<byte> Issue<TLease>(TLease lease, bool perRent, bool trustedCaller, ThreadCache cache)
        where TLease : class, IPoolLease
    {
        // The countdown inline, the rest (a call to draw the next gap) in a method of its own, reached once per gap.
        int rate = _trackingRate;
        if (rate != 0 && cache.Sampler.Tick())
        {
            return IssueAtGap(lease, perRent, trustedCaller, cache, rate);
        }

        return IssueUntracked(lease, perRent, trustedCaller);
    }

    /// <summary><see cref="Issue"/> for a pool that tracks no rent (<see cref="Tracks"/> is false): no countdown to read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IMemoryOwner<byte> IssueUntracked<TLease>(TLease lease, bool perRent, bool trustedCaller)
        where TLease : class, IPoolLease
    {
        lease.OnRent(trusted: perRent | trustedCaller);
        return perRent ? new PerRentLease(lease) : lease;
    }

    /// <summary>The sampling countdown ran out: tracks this rent if the sampler says so, else issues it as usual.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IMemoryOwner<byte> IssueAtGap(IPoolLease lease, bool perRent, bool trustedCaller, ThreadCache cache, int rate)
    {
        if (cache.Sampler.Next(rate))
        {
            // The tracker's one-use owner lets one Dispose through to the slot, so the slot's lease is trusted.
            lease.OnRent(trusted: true);
            return _diagnostics is not null ? _diagnostics.Track(lease) : new SampledLease(lease, Reporter);
        }

        lease.OnRent(trusted: perRent | trustedCaller);
        return perRent ? new PerRentLease(lease) : lease;
    }
}
