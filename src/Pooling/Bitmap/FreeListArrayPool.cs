using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;
using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// An <see cref="ArrayPool{T}"/> that applies the bitmap allocator's Free List Store policy to whole arrays: arrays of
/// exactly the requested length (no rounding up to a power of two), kept sorted by length, at most
/// <see cref="FreeListArrayPoolOptions.MaxFreeListEntries"/> of them, found by binary search, and handed out only when
/// less than <see cref="FreeListArrayPoolOptions.MaxWastagePercent"/> (36%) of the array would go unused.
/// </summary>
/// <remarks>
/// A per-thread cache of a few arrays, searched best-fit under the same rule, sits in front of the store, so
/// steady-state renting takes no lock. The contract is <see cref="ArrayPool{T}.Shared"/>'s: <c>Rent(0)</c> returns
/// an empty array, a negative length throws, <c>Return(null)</c> throws, <c>clearArray</c> clears. What a double
/// return can and cannot do is described on <see cref="BufferArrayPool{T}"/>.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class FreeListArrayPool<T> : BufferArrayPool<T>
{
    private readonly FreeListStore<T[]> _store;
    private readonly int _maxWastagePercent;
    private readonly int _maxArrayLength;
    private readonly int _maxFreeListEntries;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public FreeListArrayPool(FreeListArrayPoolOptions? options = null)
        : base(BufferPoolKinds.FreeList, options ??= new FreeListArrayPoolOptions())
    {
        _maxWastagePercent = options.MaxWastagePercent;
        _maxArrayLength = options.MaxArrayLength;
        _maxFreeListEntries = options.MaxFreeListEntries;
        _store = new FreeListStore<T[]>(options.MaxFreeListEntries, options.MaxWastagePercent, static a => a.Length, ArrayAccounting<T>.ByteLength);
        Caches = new ThreadCacheSet(this, [options.ThreadCacheSize], [0]);
    }

    /// <inheritdoc />
    public override int MaxArrayLength => _maxArrayLength;

    /// <summary>The lengths in the shared store, shortest first; for tests and diagnostics.</summary>
    internal int[] StoredLengths => _store.Lengths();

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        if ((uint)minimumLength - 1 >= (uint)_maxArrayLength)
        {
            return RentOutsidePool(minimumLength);
        }

        ThreadCache cache = Caches.Current;
        T[]? array = cache.TakeBestFit(0, minimumLength, new WastageFitRule(_maxWastagePercent)) is { } cached
            ? Unsafe.As<T[]>(cached)
            : RentShared(minimumLength);
        if (array is null)
        {
            // Past the budget: a fallback, which counts itself, not a pooled rent.
            return Track(RentUnpooled(minimumLength));
        }

        cache.CountRent(0);
        cache.CountRentedBytes(ArrayAccounting<T>.ByteLength(array));
        return Track(array);
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        if (!AcceptReturn(array, clearArray))
        {
            return;
        }

        ThreadCache cache = Caches.Current;
        if (cache.Contains(0, array))
        {
            ThrowHelper.ThrowReturnedTwice(nameof(array));
        }

        if (IsDisposed)
        {
            ReturnToStore(0, array, fromCaller: true);
            return;
        }

        // Counted by the cache already when it spills to the store; a duplicate the store refused is uncounted there.
        if (!cache.Return(0, array) && !ReturnToStore(0, array, fromCaller: true))
        {
            return;
        }

        cache.CountReturnedBytes(ArrayAccounting<T>.ByteLength(array));
    }

    private protected override long ThresholdHits => _store.ThresholdHits;

    private protected override long TrimStore()
    {
        long released = 0;
        foreach (T[] array in _store.TrimTo(0))
        {
            released += Accounting.Drop(array);
        }

        return released;
    }

    private protected override bool ReturnToStore(int sizeClass, T[] array, bool fromCaller)
    {
        if (IsDisposed)
        {
            ReturnAfterDispose(0, array, fromCaller, ArrayAccounting<T>.ByteLength(array));
            return true;
        }

        // An array the store holds already was returned twice. The duplicate is dropped, not thrown: the caller here may
        // be an innocent renter of the array the buggy caller returned early (see BufferArrayPool's remarks).
        if (_store.Contains(array))
        {
            if (fromCaller)
            {
                // The caller's thread cache counted this return before it spilled here; the pool did not take it.
                Caches.Current.UncountReturn(0);
            }

            return false;
        }

        // At the cap the store gives back the larger of this array and its largest entry.
        if (_store.Insert(array) is { } dropped)
        {
            Accounting.Drop(dropped);
            if (BufferPoolEventSource.Log.IsEnabled())
            {
                BufferPoolEventSource.Log.FreeListThresholdHit(Kind, _maxFreeListEntries);
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[]? RentShared(int minimumLength) => _store.TryTake(minimumLength) ?? Accounting.TryAllocate(minimumLength);
}
