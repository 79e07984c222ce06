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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IMemoryOwner<byte> Issue(IMemoryOwner<byte> lease, bool perRent, ThreadCache cache)
    {
        if (_sampleRate != 0 && cache.Sampler.Hit(_sampleRate))
        {
            return Track(lease);
        }

        return perRent ? new PerRentLease(lease) : lease;
    }

    /// <summary>Out of line: a sampled rent captures a stack trace, which dwarfs the call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private SampledLease Track(IMemoryOwner<byte> lease) => new(lease, Reporter);
}
