using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;
using BufferPool.Primitives;
using BufferPool.SmallBlock;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// An <see cref="ArrayPool{T}"/> with the small-block manager's size classes (four per octave, at most 25%
/// waste) and lock-free free lists, applied to whole arrays, with a per-thread cache in front. For consumers
/// that need real arrays, such as MVC's <c>ArrayPool&lt;byte&gt;</c> and <c>ArrayPool&lt;char&gt;</c>.
/// </summary>
/// <remarks>
/// The contract is <see cref="ArrayPool{T}.Shared"/>'s: <c>Rent(0)</c> returns an empty array, a negative length
/// throws, <c>Return(null)</c> throws, <c>clearArray</c> clears. Arrays longer than
/// <see cref="ArrayPoolSettings.MaxArrayLength"/> are allocated on demand and dropped on return. An array whose
/// length is not one of the pool's sizes is rejected with <see cref="ArgumentException"/>. Each class keeps at most
/// <see cref="SmallBlockArrayPoolOptions.ArraysPerSizeClass"/> idle arrays in its shared store. What a double return
/// can and cannot do is described on <see cref="BufferArrayPool{T}"/>.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SmallBlockArrayPool<T> : BufferArrayPool<T>
{
    private readonly SizeClassTable _classes;
    private readonly ArrayFreeList<T>[] _stores;
    private readonly int _arraysPerSizeClass;
    private long _thresholdHits;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SmallBlockArrayPool(SmallBlockArrayPoolOptions? options = null)
        : base(BufferPoolKinds.SmallBlockArray, options ??= new SmallBlockArrayPoolOptions())
    {
        _classes = new SizeClassTable(16, options.MaxArrayLength);
        _stores = new ArrayFreeList<T>[_classes.Count];
        _arraysPerSizeClass = options.ArraysPerSizeClass;
        var capacities = new int[_classes.Count];
        var classBytes = new long[_classes.Count];
        for (int c = 0; c < _stores.Length; c++)
        {
            _stores[c] = new ArrayFreeList<T>(options.ArraysPerSizeClass);
            classBytes[c] = (long)_classes.GetSize(c) * Unsafe.SizeOf<T>();

            capacities[c] = ThreadCache.CapacityFor(options.ThreadCacheSize, classBytes[c]);
        }

        Caches = new ThreadCacheSet(this, capacities, classBytes);
    }

    /// <inheritdoc />
    public override int MaxArrayLength => _classes.MaxSize;

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        if ((uint)minimumLength - 1 >= (uint)_classes.MaxSize)
        {
            return RentOutsidePool(minimumLength);
        }

        int sizeClass = _classes.GetIndex(minimumLength);

        // The caches of this pool hold only T[] of this pool.
        ThreadCache cache = Caches.Current;
        T[] array = cache.Rent(sizeClass) is { } cached ? Unsafe.As<T[]>(cached) : RentShared(cache, sizeClass);
        return Track(array);
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        if (!AcceptReturn(array, clearArray))
        {
            return;
        }

        int sizeClass = _classes.GetIndex(array.Length);
        if (_classes.GetSize(sizeClass) != array.Length)
        {
            ThrowHelper.ThrowForeignArray(nameof(array));
        }

        ThreadCache cache = Caches.Current;
        if (cache.Contains(sizeClass, array))
        {
            ThrowHelper.ThrowReturnedTwice(nameof(array));
        }

        if (IsDisposed || !cache.Return(sizeClass, array))
        {
            ReturnToStore(sizeClass, array, fromCaller: true);
        }
    }

    private protected override long ThresholdHits => Interlocked.Read(ref _thresholdHits);

    private protected override long TrimStore()
    {
        long released = 0;
        foreach (ArrayFreeList<T> store in _stores)
        {
            while (store.TryPop(out T[] array))
            {
                released += Accounting.Drop(array);
            }
        }

        return released;
    }

    private protected override bool ReturnToStore(int sizeClass, T[] array, bool fromCaller)
    {
        if (IsDisposed)
        {
            ReturnAfterDispose(sizeClass, array, fromCaller, 0);
            return true;
        }

        // Off the hot path: an array the store holds already was returned twice. The duplicate is dropped, not
        // thrown: the caller here may be an innocent renter of the array the buggy caller returned early (see
        // BufferArrayPool's remarks).
        ArrayFreeList<T> store = _stores[sizeClass];
        if (store.Contains(array))
        {
            if (fromCaller)
            {
                // The caller's thread cache counted this return before it spilled here; the pool did not take it.
                Caches.Current.UncountReturn(sizeClass);
            }

            return false;
        }

        if (!store.TryPush(array))
        {
            Interlocked.Increment(ref _thresholdHits);
            Accounting.Drop(array);
            if (BufferPoolEventSource.Log.IsEnabled())
            {
                BufferPoolEventSource.Log.FreeListThresholdHit(Kind, _arraysPerSizeClass);
            }
        }

        return true;
    }

    /// <summary>The rent path when the thread's cache had nothing: a pooled rent is counted once it is served.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] RentShared(ThreadCache cache, int sizeClass)
    {
        int length = _classes.GetSize(sizeClass);
        if ((_stores[sizeClass].TryPop(out T[] array) ? array : Accounting.TryAllocate(length)) is { } pooled)
        {
            cache.CountRent(sizeClass);
            return pooled;
        }

        // Past the budget: a fallback, which counts itself, not a pooled rent.
        return RentUnpooled(length);
    }
}
