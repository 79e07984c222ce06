using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks.CostModel;

/// <summary>
/// A model of BufferPool's factory path with nothing but a per-thread hot buffer behind <see cref="MemoryPool{T}"/>'s
/// virtual <c>Rent</c> and <see cref="IMemoryOwner{T}"/>'s interface <c>Dispose</c>, plus the owner-side code of each
/// guarantee <typeparamref name="TGuarantees"/> names, written as BufferPool writes it. It prices each guarantee on the
/// path a benchmark loop takes (one buffer rented and disposed in turn on one thread); it has no reclaimer, no free lists
/// and one size, and is not a pool anyone should use.
/// </summary>
internal sealed class ModelPool<TGuarantees> : MemoryPool<byte>
    where TGuarantees : struct, IGuarantees
{
    private readonly int _slot = ModelCache.NextSlot();
    private readonly long _token;
    private readonly int _owner = 1;

    public ModelPool()
    {
        // A token of its own, as each of BufferPool's cache sets has: a cache in this pool's slot matches only this pool.
        _token = _slot + 1L;
    }

    public override int MaxBufferSize => 4096;

    // Fully optimized from the first call, as the real views' Rent is: no tiering and no profile-guided code in either.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ModelCache?[]? table = ModelCache.ThreadTable;
        ModelCache? cache = CacheIn(table);
        if (cache is null || (uint)minBufferSize > 4096u && minBufferSize != -1)
        {
            return RentNew();
        }

        if (TGuarantees.ReclaimsCaches && !TryEnter(cache))
        {
            return RentNew();
        }

        object? item = cache.Hot;
        if (item is not null)
        {
            cache.Hot = null;
            if (TGuarantees.CountsExactly)
            {
                Unsafe.Add(ref cache.Rents[0], _owner)++;
            }
        }

        if (TGuarantees.ReclaimsCaches)
        {
            Exit(cache);
        }

        if (item is null)
        {
            return RentNew();
        }

        ModelLease<TGuarantees> lease = Unsafe.As<ModelLease<TGuarantees>>(item);
        if (TGuarantees.IgnoresSecondDispose | TGuarantees.IgnoresRacingDispose)
        {
            lease.State = ModelLease<TGuarantees>.Rented;
        }

        return lease;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(ModelLease<TGuarantees> lease, ModelCache?[]? table)
    {
        ModelCache? cache = CacheIn(table);
        if (cache is null)
        {
            ReturnUncached(lease);
            return;
        }

        if (TGuarantees.CountsExactly)
        {
            cache.Returns++;
        }

        if (TGuarantees.ReclaimsCaches && !TryEnter(cache))
        {
            return;
        }

        // A full cache drops the buffer to the GC; in the benchmark loop the hot slot is always empty here.
        cache.Hot ??= lease;
        if (TGuarantees.ReclaimsCaches)
        {
            Exit(cache);
        }
    }

    protected override void Dispose(bool disposing)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ModelCache? CacheIn(ModelCache?[]? table)
    {
        int slot = _slot;
        if (table is not null && (uint)slot < (uint)table.Length && table[slot] is { } cache
            && (!TGuarantees.ChecksPoolIdentity || cache.Token == _token))
        {
            return cache;
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryEnter(ModelCache cache)
    {
        Volatile.Write(ref cache.Busy, 1);
        if (Volatile.Read(ref cache.Reclaiming) == 0)
        {
            return true;
        }

        Volatile.Write(ref cache.Busy, 0);
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exit(ModelCache cache) => Volatile.Write(ref cache.Busy, 0);

    /// <summary>The first rent on a thread: makes the thread's cache and a buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ModelLease<TGuarantees> RentNew()
    {
        ModelCache?[] table = ModelCache.TableFor(_slot);
        table[_slot] ??= new ModelCache(_token);
        return new ModelLease<TGuarantees>(this) { State = ModelLease<TGuarantees>.Rented };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReturnUncached(ModelLease<TGuarantees> lease)
    {
        ModelCache?[] table = ModelCache.TableFor(_slot);
        (table[_slot] ??= new ModelCache(_token)).Hot ??= lease;
    }
}
