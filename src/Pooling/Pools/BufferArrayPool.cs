using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// The <see cref="ArrayPool{T}"/> side of every BufferPool array pool: <see cref="ArrayPool{T}.Shared"/>'s contract for
/// the lengths the pool does not keep, ownership accounting, the budget, diagnostics mode, statistics, trimming and
/// disposal. <c>Rent</c> and <c>Return</c> live in each sealed pool, so each is one virtual call.
/// </summary>
/// <remarks>
/// <para>A caller's bug stays the caller's: an array returned twice may be handed to two renters (as with
/// <see cref="ArrayPool{T}.Shared"/>), but it never makes <see cref="Trim"/>, <see cref="Dispose()"/> or another caller's
/// <c>Rent</c> or <c>Return</c> throw, and it never makes a figure negative. What is caught: a second return of an
/// array on the same thread while it is still in that thread's cache throws <see cref="InvalidOperationException"/> to
/// the caller that made it; in diagnostics mode, every return of an array the pool did not hand out, or already took
/// back, throws. A return of an array the shared store holds already is dropped and not counted, without an exception:
/// the caller making it may be an innocent renter of an array that the buggy caller returned early and then again.</para>
/// <para>A pool that is dropped without <see cref="Dispose()"/> (the <see cref="ArrayPool{T}"/> contract has no
/// <c>Dispose</c>) is still collected: nothing in the process holds it strongly.</para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public abstract class BufferArrayPool<T> : ArrayPool<T>, IBufferPool, IThreadCacheSink
{
    private readonly FallbackCounter _fallbacks;
    private readonly ConcurrentDictionary<T[], byte>? _outstanding;
    private ThreadCacheSet? _caches;
    private volatile bool _disposed;
    private volatile bool _finalizing;

    private protected BufferArrayPool(string kind, ArrayPoolSettings settings)
    {
        ValidatableOptions.ThrowIfInvalid(settings);
        _fallbacks = new FallbackCounter(this);
        Kind = kind;
        Name = $"{kind}<{typeof(T).Name.ToLowerInvariant()}>";
        MaxReservedBytes = settings.MaxReservedBytes;
        Accounting = new ArrayAccounting<T>(settings.MaxReservedBytes);
        _outstanding = settings.DiagnosticsMode ? new ConcurrentDictionary<T[], byte>(ReferenceEqualityComparer.Instance) : null;
        BufferPoolRegistry.Register(this);
    }

    /// <summary>Finalizes a pool that was dropped without being disposed: its thread caches let go of their arrays.</summary>
    ~BufferArrayPool() => Dispose(false);

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Type ElementType => typeof(T);

    /// <inheritdoc />
    public long? MaxReservedBytes { get; }

    /// <summary>The longest array the pool keeps.</summary>
    public abstract int MaxArrayLength { get; }

    /// <inheritdoc />
    /// <remarks>An array pool's fallbacks are rents it served with arrays it does not keep: longer than
    /// <see cref="MaxArrayLength"/>, or past <c>MaxReservedBytes</c>.</remarks>
    public event EventHandler<BufferPoolFallbackEventArgs>? FallbackOccurred
    {
        add => _fallbacks.Occurred.Add(value);
        remove => _fallbacks.Occurred.Remove(value);
    }

    private protected ArrayAccounting<T> Accounting { get; }

    private protected bool IsDisposed => _disposed;

    /// <summary>The per-thread caches; the derived pool sets them once its size classes are known.</summary>
    private protected ThreadCacheSet Caches
    {
        get => _caches!;
        init => _caches = value;
    }

    /// <summary>Times a free list was at its cap.</summary>
    private protected abstract long ThresholdHits { get; }

    /// <summary>Drops the idle arrays in the shared store; returns the bytes released.</summary>
    private protected abstract long TrimStore();

    /// <summary>
    /// Stores an array a thread cache gave up, or a caller returned around it; never throws, whatever a caller did (see
    /// the remarks). False when the store held the array already: the duplicate is dropped and, from a caller, uncounted.
    /// </summary>
    private protected abstract bool ReturnToStore(int sizeClass, T[] array, bool fromCaller);

    /// <inheritdoc />
    public BufferPoolStatistics GetStatistics() => Accounting.GetFigures(ThresholdHits).Build(arrays: true, Caches.GetTotals(), _fallbacks);

    /// <inheritdoc />
    public long Trim()
    {
        if (_disposed)
        {
            return 0;
        }

        Caches.Reclaim();
        return TrimStore();
    }

    /// <summary>Stops pooling: arrays returned from now on are dropped, and the idle ones are released.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the pool's idle arrays and thread caches; <paramref name="disposing"/> is false from the finalizer.</summary>
    protected virtual void Dispose(bool disposing)
    {
        // A constructor that threw on a bad option leaves a finalizable object with no caches.
        if (_disposed || _caches is null)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            // Every cached array comes back through the sink, which drops it now that the pool is disposed.
            _caches.Dispose();
            TrimStore();
            BufferPoolRegistry.Unregister(this);
        }
        else
        {
            // From the finalizer the arrays and the ownership table are garbage with the pool (the table may already
            // be finalized, so the sink must not touch it), and the registry drops its dead entry by itself: only the
            // thread caches need letting go.
            _finalizing = true;
            _caches.Dispose();
        }
    }

    void IThreadCacheSink.ReturnShared(int sizeClass, object item)
    {
        if (!_finalizing)
        {
            ReturnToStore(sizeClass, Unsafe.As<T[]>(item), fromCaller: false);
        }
    }

    /// <summary>A return to a disposed pool: the array is let go, and counted so that in-use comes back to 0.</summary>
    private protected void ReturnAfterDispose(int sizeClass, T[] array, bool fromCaller, long bytes)
    {
        Accounting.Drop(array);
        if (fromCaller)
        {
            Caches.CountLateReturn(sizeClass, bytes);
        }
    }

    /// <summary>
    /// <c>Rent</c> for lengths the pool does not keep, with <see cref="ArrayPool{T}.Shared"/>'s rules: 0 gives an empty
    /// array, a negative length throws, a longer one is allocated and counted as a fallback.
    /// </summary>
    private protected T[] RentOutsidePool(int minimumLength)
    {
        if (minimumLength == 0)
        {
            return [];
        }

        if (minimumLength < 0)
        {
            ThrowHelper.ThrowNegativeLength(minimumLength);
        }

        return Track(RentUnpooled(minimumLength));
    }


    /// <summary>Records a pooled rent in diagnostics mode.</summary>
    private protected T[] Track(T[] array)
    {
        _outstanding?.TryAdd(array, 0);
        return array;
    }

    /// <summary>
    /// What every return does before the pool looks at its stores: null throws; an empty array, or one longer than the
    /// pool keeps, is not pooled (false); in diagnostics mode an array the pool does not have out throws; the array is
    /// cleared if asked.
    /// </summary>
    private protected bool AcceptReturn([NotNull] T[]? array, bool clearArray)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0)
        {
            return false;
        }

        if (_outstanding is not null && !_outstanding.TryRemove(array, out _))
        {
            ThrowHelper.ThrowNotOutstanding(nameof(array));
        }

        if (array.Length > MaxArrayLength)
        {
            // Served outside the pool by Rent; like ArrayPool<T>.Shared, let the GC have it.
            ReturnUnpooled(array);
            return false;
        }

        if (Accounting.HasBudget && !AcceptUnderBudget(array))
        {
            return false;
        }

        if (clearArray)
        {
            array.AsSpan().Clear();
        }

        return true;
    }

    /// <summary>An array the pool does not keep, counted as a fallback: too long, or past the budget.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected T[] RentUnpooled(int length)
    {
        T[] array = GC.AllocateUninitializedArray<T>(length);
        Accounting.AddUnpooled(array);
        _fallbacks.Record(length * Unsafe.SizeOf<T>(), length > MaxArrayLength ? BufferPoolFallbackReason.Oversize : BufferPoolFallbackReason.BudgetExhausted);
        return array;
    }

    /// <summary>
    /// The return of an array the pool did not keep: counted once if the pool handed it out, ignored if it is a
    /// stranger's or came back already, so that no caller's mistake can push a figure below the truth.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReturnUnpooled(T[] array)
    {
        if (Accounting.RemoveUnpooled(array))
        {
            _fallbacks.RecordReturn(array.Length * Unsafe.SizeOf<T>());
        }
    }

    /// <summary>
    /// For a pool with a budget, whether a returned array of a pooled length may stay: a fallback the pool handed out
    /// past its budget is counted back and let go; an array the pool owns stays; any other is adopted while the
    /// budget has room. So the budget holds whatever comes back.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AcceptUnderBudget(T[] array)
    {
        if (Accounting.RemoveUnpooled(array))
        {
            _fallbacks.RecordReturn(array.Length * Unsafe.SizeOf<T>());
            return false;
        }

        return Accounting.OwnsOrAdopts(array);
    }
}
