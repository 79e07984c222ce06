using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Leases;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool.Pools;

/// <summary>
/// What <see cref="BufferMemoryPool.CreateView"/> hands out: a light <see cref="MemoryPool{T}"/> over a pool whose rents
/// count for one owner (Kestrel creates one per IO queue), for a trusted caller that disposes each lease exactly once.
/// Each pool has its own sealed view, whose <c>Rent</c> is the pool's rent path inlined: one virtual call, the one every
/// <see cref="MemoryPool{T}"/> caller makes. Disposing a view ends only the view: renting from it throws afterwards,
/// while leases already out still return to the pool; disposing the pool ends its views.
/// </summary>
internal abstract class OwnedMemoryPoolView : MemoryPool<byte>
{
    private readonly BufferMemoryPool _pool;

    // Set by the view's Dispose or the pool's; read on the general path.
    private volatile bool _ended;

    // The one field the hot path reads (a plain load on x64): the owner's index when the fast path serves this view (the
    // caches count the owner, the pool tracks no rent, the view is not ended), else -1, which sends every rent to the
    // general path. Ending the view sets it to -1 before the general path sees _ended.
    private volatile int _fastOwner;

    private protected OwnedMemoryPoolView(BufferMemoryPool pool, string owner, int ownerIndex)
    {
        _pool = pool;
        Owner = owner;
        OwnerIndex = ownerIndex;
        _fastOwner = (uint)ownerIndex < ThreadCache.InlineOwners && !pool.TracksRents ? ownerIndex : -1;
    }

    /// <summary>
    /// The owner index for the fast path, or -1 (any value of <see cref="ThreadCache.InlineOwners"/> or more, taken as
    /// unsigned) for the general path: one load and one compare decide both.
    /// </summary>
    private protected int FastOwner
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fastOwner;
    }

    /// <summary>The owner's name, the <c>bufferpool.owner</c> tag.</summary>
    public string Owner { get; }

    /// <summary>The pool rented from.</summary>
    public BufferMemoryPool Pool => _pool;

    public override int MaxBufferSize => _pool.MaxBufferSize;

    /// <summary>The owner's index in the pool's <see cref="OwnerTable"/>, under which the thread caches count its rents.</summary>
    private protected int OwnerIndex { get; }

    /// <summary>
    /// Whether the thread caches count this owner's rents; if not (the pool's fifth owner and later), the view counts
    /// each itself, in <see cref="CountedRent"/>.
    /// </summary>
    private protected bool CountedByCaches => (uint)OwnerIndex < ThreadCache.InlineOwners;

    /// <summary>
    /// A rent that the view counts itself, with interlocked counters: for owners the caches do not count. A budget
    /// fallback (an <see cref="UnpooledLease"/>) was counted by the pool already.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected IMemoryOwner<byte> CountedRent(IMemoryOwner<byte> lease)
    {
        if (lease is not UnpooledLease)
        {
            _pool.CountPooledRent(OwnerIndex, lease.Memory.Length);
        }

        return lease;
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the view or its pool is disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void ThrowIfEnded()
    {
        if (_ended)
        {
            ThrowHelper.ThrowObjectDisposed(this);
        }
    }

    /// <summary>Ends the view: its next rent throws. Called when the pool is disposed.</summary>
    internal void End()
    {
        _fastOwner = -1;
        _ended = true;
    }

    protected override void Dispose(bool disposing) => End();
}
