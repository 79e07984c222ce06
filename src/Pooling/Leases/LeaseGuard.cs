using System.Runtime.CompilerServices;
using BufferPool.Primitives;

namespace BufferPool.Leases;

/// <summary>
/// The rented flag of a reusable lease, shared by the pools' owner objects. A lease rented for an owner that is known
/// to dispose it at most once is marked <em>trusted</em> and its dispose is a plain store; any other is
/// <em>guarded</em>, and one <see cref="Interlocked.CompareExchange(ref int, int, int)"/> on dispose makes two racing
/// disposes of the same lease return its slot once, which is what keeps two later leases from ever sharing memory; it
/// touches only the lease's own cache line. A <c>Dispose</c> that finds the lease returned already is ignored, as the
/// <see cref="IDisposable"/> guidelines ask (a second call does nothing). A stale reference disposed after the slot was
/// rented again cannot be told from the new owner; <see cref="LeaseMode.PerRent"/>, diagnostics mode and sampled
/// tracking, with one owner object per rent, are for that case.
/// </summary>
/// <remarks>
/// <para>Trusted owners: the one-use wrappers (<c>PerRentLease</c>, <c>SampledLease</c>, diagnostics mode's lease),
/// whose own atomic exchange lets exactly one <c>Dispose</c> through to the slot, so the guard here would be the
/// second interlocked instruction guarding the same thing; and the views of <c>BufferMemoryPool.CreateView</c>, whose
/// caller (Kestrel's transport) disposes each segment exactly once. A user's plain rent in
/// <see cref="LeaseMode.Reused"/> is guarded: its double dispose, even racing on two threads, reaches the pool once. A
/// trusted lease disposed twice <em>in sequence</em> is ignored too; two racing disposes of a trusted lease may both
/// read it rented and both return the slot, which is the price of the plain store and outside the trusted contract.</para>
/// <para>The plain store needs no fence: the slot reaches its next renter only through a thread cache (same thread)
/// or a CAS on a shared list, which orders this store before that renter's <see cref="OnRent"/>.</para>
/// </remarks>
internal struct LeaseGuard
{
    private const int Returned = 0;
    private const int Guarded = 1;
    private const int Trusted = 2;

    private int _state;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnRent(bool trusted) => _state = trusted ? Trusted : Guarded;

    /// <summary>Returns <paramref name="memory"/>, or throws if the lease was disposed.</summary>
    public readonly Memory<byte> Guard(Memory<byte> memory)
    {
        if (_state == Returned)
        {
            ThrowHelper.ThrowLeaseUsedAfterDispose();
        }

        return memory;
    }

    /// <summary>
    /// Marks the lease returned; true when this call is the one that returns it, so the caller gives the slot back. False
    /// when it was returned already: that <c>Dispose</c> is ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDispose()
    {
        int state = _state;
        if (state == Trusted)
        {
            _state = Returned;
            return true;
        }

        return state == Guarded && TryDisposeGuarded();
    }

    // Inline: one lock cmpxchg, and no call that the caller's values would have to survive.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryDisposeGuarded() => Interlocked.CompareExchange(ref _state, Returned, Guarded) == Guarded;
}
