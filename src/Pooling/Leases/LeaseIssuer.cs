using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;

namespace BufferPool.Leases;

/// <summary>
/// Turns a freshly rented slot lease into what a <see cref="MemoryPool{T}"/>'s <c>Rent</c> returns, as
/// <see cref="LeaseMode"/> and the tracking sample rate say. A struct, so that a pool holds its settings inline
/// and the untracked <see cref="LeaseMode.Reused"/> path costs two field reads and two branches.
/// </summary>
internal readonly struct LeaseIssuer(string kind, LeaseMode mode, int trackingSampleRate)
{
    private readonly int _sampleRate = trackingSampleRate;
    private readonly bool _perRent = mode == LeaseMode.PerRent;

    /// <summary>Where sampled leases report; it also carries the misuse hook the pool exposes.</summary>
    public LeaseMisuseReporter Reporter { get; } = new(kind);

    /// <summary>Whether this pool's own <c>Rent</c> hands out one owner object per rent.</summary>
    public bool PerRent => _perRent;

    /// <summary>
    /// Issues <paramref name="lease"/> in the mode the caller asks for; sampling applies either way, counted on the
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
        if (_sampleRate != 0 && cache.Sampler.Hit(_sampleRate))
        {
            lease.OnRent(trusted: true);
            return Track(lease);
        }

        lease.OnRent(trusted: perRent | trustedCaller);
        return perRent ? new PerRentLease(lease) : lease;
    }

    /// <summary>Out of line: a sampled rent captures a stack trace, which dwarfs the call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private SampledLease Track(IMemoryOwner<byte> lease) => new(lease, Reporter);
}
