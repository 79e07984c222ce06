using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Common;
using BufferPool.SmallBlock;

using BufferPool.Diagnostics;

namespace BufferPool;

/// <summary>
/// An <see cref="ArrayPool{T}"/> with the small-block manager's size classes (four per octave, at most 25%
/// waste) and lock-free free lists, applied to whole arrays, with a per-thread cache in front. For consumers
/// that need real arrays, such as MVC's <c>ArrayPool&lt;byte&gt;</c> and <c>ArrayPool&lt;char&gt;</c>.
/// </summary>
/// <remarks>
/// The contract is <see cref="ArrayPool{T}.Shared"/>'s: <c>Rent(0)</c> returns an empty array, a negative length
/// throws, <c>Return(null)</c> throws, <c>clearArray</c> clears. Arrays longer than
/// <see cref="SmallBlockPoolOptions.MaxArrayLength"/> are allocated on demand and dropped on return. An array whose
/// length is not one of the pool's sizes is rejected with <see cref="ArgumentException"/>, and an array returned
/// twice in a row is rejected with <see cref="InvalidOperationException"/>. Each class keeps at most
/// <see cref="SmallBlockPoolOptions.ArraysPerSizeClass"/> idle arrays in its shared store.
/// </remarks>
public sealed class SmallBlockArrayPool<T> : ArrayPool<T>, IThreadCacheSink, IDisposable, IPoolDiagnosticsSource
{
    private readonly SizeClassTable _classes;
    private readonly ArrayFreeList<T>[] _stores;
    private readonly ThreadCacheSet _caches;
    private readonly ArrayAccounting<T> _accounting = new();
    private readonly int _arraysPerSizeClass;
    private long _thresholdHits;
    private volatile bool _disposed;

    /// <summary>Creates a pool; <paramref name="options"/> are copied and validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public SmallBlockArrayPool(SmallBlockPoolOptions? options = null)
    {
        options ??= new SmallBlockPoolOptions();
        options.Validate();
        _classes = new SizeClassTable(16, options.MaxArrayLength);
        _stores = new ArrayFreeList<T>[_classes.Count];
        _arraysPerSizeClass = options.ArraysPerSizeClass;
        var capacities = new int[_classes.Count];
        var classBytes = new long[_classes.Count];
        for (int c = 0; c < _stores.Length; c++)
        {
            _stores[c] = new ArrayFreeList<T>(options.ArraysPerSizeClass);
            classBytes[c] = (long)_classes.GetSize(c) * Unsafe.SizeOf<T>();

            // Large classes keep fewer arrays per thread, so idle threads pin little memory.
            capacities[c] = options.ThreadCacheSize == 0 ? 0 : (int)Math.Clamp(options.ThreadCacheSize * 4096L / classBytes[c], 1, options.ThreadCacheSize);
        }

        _caches = new ThreadCacheSet(this, capacities, classBytes);
        BufferPoolRegistry.Register(this);
    }

    /// <summary>The longest array the pool keeps.</summary>
    public int MaxArrayLength => _classes.MaxSize;

    /// <inheritdoc />
    public override T[] Rent(int minimumLength)
    {
        if ((uint)minimumLength - 1 >= (uint)_classes.MaxSize)
        {
            return _accounting.RentOutsidePool(minimumLength);
        }

        int sizeClass = _classes.GetIndex(minimumLength);
        // The cache of this pool holds only T[] of this pool.
        return _caches.Current.Rent(sizeClass) is { } cached ? Unsafe.As<T[]>(cached) : RentShared(sizeClass);
    }

    /// <inheritdoc />
    public override void Return(T[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0)
        {
            return;
        }

        if (array.Length > _classes.MaxSize)
        {
            // Served outside the classes by Rent; like ArrayPool<T>.Shared, let the GC have it.
            return;
        }

        int sizeClass = _classes.GetIndex(array.Length);
        if (_classes.GetSize(sizeClass) != array.Length)
        {
            ThrowHelper.ThrowForeignArray(nameof(array));
        }

        if (clearArray)
        {
            array.AsSpan().Clear();
        }

        ThreadCache cache = _caches.Current;
        if (cache.Contains(sizeClass, array))
        {
            ArrayAccounting<T>.ThrowReturnedTwice();
        }

        if (_disposed || !cache.Return(sizeClass, array))
        {
            ReturnShared(sizeClass, array);
        }
    }

    string IPoolDiagnosticsSource.Kind => "small-block-array";

    string IPoolDiagnosticsSource.Owner => "app";

    /// <summary>A snapshot of the pool's counters; each pooled array counts as one superblock.</summary>
    public BufferPoolStatistics GetStatistics() => _accounting.Snapshot(_caches.GetTotals(), Interlocked.Read(ref _thresholdHits));

    /// <summary>Drops the idle arrays in the shared stores and in every thread's cache; returns the bytes released.</summary>
    /// <remarks>A thread inside a rent or return at that moment keeps its cached arrays until the next trim.</remarks>
    public long Trim()
    {
        _caches.Reclaim();
        long released = 0;
        foreach (ArrayFreeList<T> store in _stores)
        {
            while (store.TryPop(out T[] array))
            {
                released += _accounting.Drop(array);
            }
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

    void IThreadCacheSink.ReturnShared(int sizeClass, object array) => ReturnShared(sizeClass, Unsafe.As<T[]>(array));

    private void ReturnShared(int sizeClass, T[] array)
    {
        if (_disposed)
        {
            _accounting.Drop(array);
            return;
        }

        // Off the hot path: an array returned twice while the first copy already spilled to the store.
        ArrayFreeList<T> store = _stores[sizeClass];
        if (store.Contains(array))
        {
            ArrayAccounting<T>.ThrowReturnedTwice();
        }

        if (!store.TryPush(array))
        {
            Interlocked.Increment(ref _thresholdHits);
            _accounting.Drop(array);
            if (BufferPoolEventSource.Log.IsEnabled())
            {
                BufferPoolEventSource.Log.FreeListThresholdHit("small-block-array", _arraysPerSizeClass);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] RentShared(int sizeClass) => _stores[sizeClass].TryPop(out T[] array) ? array : _accounting.Allocate(_classes.GetSize(sizeClass));
}
