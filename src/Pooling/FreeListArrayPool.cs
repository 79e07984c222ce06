using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Bitmap;
using BufferPool.Common;

using BufferPool.Diagnostics;

namespace BufferPool;

/// <summary>
/// An <see cref="ArrayPool{T}"/> that applies the bitmap allocator's Free List Store policy (seed 003) to whole
/// arrays: arrays of exactly the requested length (no rounding up to a power of two), kept sorted by length,
/// at most <see cref="BitmapPoolOptions.MaxFreeListEntries"/> of them, found by binary search, and handed out
/// only when less than <see cref="BitmapPoolOptions.MaxWastagePercent"/> (36%) of the array would go unused.
/// </summary>
/// <remarks>
/// A per-thread cache of a few arrays, searched best-fit under the same rule, sits in front of the store, so
/// steady-state renting takes no lock. The contract is <see cref="ArrayPool{T}.Shared"/>'s: <c>Rent(0)</c> returns
/// an empty array, a negative length throws, <c>Return(null)</c> throws, <c>clearArray</c> clears. An array
/// returned twice while the pool still holds it is rejected with <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class FreeListArrayPool<T> : ArrayPool<T>, IThreadCacheSink, IDisposable, IPoolDiagnosticsSource
{
    private readonly FreeListStore<T[]> _store;
    private readonly ThreadCacheSet _caches;
    private readonly int _maxWastagePercent;
    private readonly int _maxArrayLength;
    private readonly int _maxFreeListEntries;
    private readonly ArrayAccounting<T> _accounting = new();
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public FreeListArrayPool(BitmapPoolOptions? options = null)
    {
        options ??= new BitmapPoolOptions();
        options.Validate();
        _maxWastagePercent = options.MaxWastagePercent;
        _maxArrayLength = options.MaxArrayLength;
        _maxFreeListEntries = options.MaxFreeListEntries;
        _store = new FreeListStore<T[]>(options.MaxFreeListEntries, options.MaxWastagePercent, static a => a.Length, ArrayAccounting<T>.ByteLength);
        _caches = new ThreadCacheSet(this, [options.ThreadCacheSize], [0]);
        BufferPoolRegistry.Register(this);
    }

    /// <summary>The longest array the pool keeps.</summary>
    public int MaxArrayLength => _maxArrayLength;

    /// <summary>The lengths in the shared store, shortest first; for tests and diagnostics.</summary>
    internal int[] StoredLengths => _store.Lengths();

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        if ((uint)minimumLength - 1 >= (uint)_maxArrayLength)
        {
            return _accounting.RentOutsidePool(minimumLength);
        }

        ThreadCache cache = _caches.Current;
        T[] array = cache.TakeBestFit(0, minimumLength, _maxWastagePercent) is { } cached
            ? Unsafe.As<T[]>(cached)
            : RentShared(minimumLength);
        cache.CountRent(0);
        cache.RentedBytes += ArrayAccounting<T>.ByteLength(array);
        return array;
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0 || array.Length > _maxArrayLength)
        {
            // Empty arrays were never pooled; longer ones were served outside the pool. Let the GC have them.
            return;
        }

        if (clearArray)
        {
            array.AsSpan().Clear();
        }

        ThreadCache cache = _caches.Current;
        if (cache.Contains(0, array))
        {
            ArrayAccounting<T>.ThrowReturnedTwice();
        }

        if (_disposed)
        {
            cache.CountReturn(0);
            ReturnShared(array);
        }
        else if (!cache.Return(0, array))
        {
            // Counted by the cache already; the array spills to the store.
            ReturnShared(array);
        }

        cache.ReturnedBytes += ArrayAccounting<T>.ByteLength(array);
    }

    string IPoolDiagnosticsSource.Kind => "free-list";

    string IPoolDiagnosticsSource.Owner => "app";

    /// <summary>A snapshot of the pool's counters; each pooled array counts as one superblock.</summary>
    public BufferPoolStatistics GetStatistics() => _accounting.Snapshot(_caches.GetTotals(), _store.ThresholdHits);

    /// <summary>Drops every idle array in the store and in every thread's cache; returns the bytes released.</summary>
    /// <remarks>A thread inside a rent or return at that moment keeps its cached arrays until the next trim.</remarks>
    public long Trim()
    {
        _caches.Reclaim();
        long released = 0;
        foreach (T[] array in _store.TrimTo(0))
        {
            released += _accounting.Drop(array);
        }

        return released;
    }

    /// <summary>Stops pooling: arrays returned from now on are dropped, and the idle ones are released.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Trim();
            BufferPoolRegistry.Unregister(this);
            _caches.Dispose();
        }
    }

    void IThreadCacheSink.ReturnShared(int sizeClass, object array) => ReturnShared(Unsafe.As<T[]>(array));

    private void ReturnShared(T[] array)
    {
        if (_disposed)
        {
            _accounting.Drop(array);
            return;
        }

        if (_store.Contains(array))
        {
            ArrayAccounting<T>.ThrowReturnedTwice();
        }

        // At the cap the store gives back the larger of this array and its largest entry.
        if (_store.Insert(array) is { } dropped)
        {
            _accounting.Drop(dropped);
            if (BufferPoolEventSource.Log.IsEnabled())
            {
                BufferPoolEventSource.Log.FreeListThresholdHit("free-list", _maxFreeListEntries);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] RentShared(int minimumLength)
    {
        if (_store.TryTake(minimumLength) is { } stored)
        {
            return stored;
        }

        return _accounting.Allocate(minimumLength);
    }
}
