using System.Runtime.CompilerServices;

namespace BufferPool.Pools;

/// <summary>
/// Which arrays an array pool owns: the ones it created (or adopted) and has not let go of, whether rented out or
/// idle; and which arrays it handed out without keeping them (too long, or past the budget). Both are weak tables keyed
/// by the array, so a foreign array that a caller returns, or an array returned or dropped twice, never changes a
/// figure, and an array a caller never returns stops counting once the GC has collected it.
/// </summary>
/// <remarks>
/// Only slow paths come here: an array is created when no idle one fits, dropped by a trim or a full store, and looked
/// up on return only when it is longer than the pool keeps or the pool has a budget. They share one lock, which keeps
/// the budget check and the byte count exact under concurrent allocation, and lets <see cref="GetFigures"/> recount
/// from the table (forgetting arrays callers kept until the GC took them) without losing an update.
/// </remarks>
internal sealed class ArrayAccounting<T>
{
    private static readonly object s_marker = new();

    private readonly object _lock = new();
    private readonly ConditionalWeakTable<T[], object> _owned = new();
    private readonly ConditionalWeakTable<T[], object> _unpooled = new();
    private readonly long _budget;
    private long _ownedBytes;
    private long _allocated;
    private long _released;

    public ArrayAccounting(long? maxReservedBytes)
    {
        _budget = maxReservedBytes ?? long.MaxValue;
        HasBudget = maxReservedBytes is not null;
    }

    /// <summary>Whether the pool has a budget, so a returned array's ownership matters.</summary>
    public bool HasBudget { get; }

    public static long ByteLength(T[] array) => (long)array.Length * Unsafe.SizeOf<T>();

    /// <summary>A new array of <paramref name="length"/> that the pool owns from now on, or null past the budget.</summary>
    public T[]? TryAllocate(int length)
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        lock (_lock)
        {
            if (_ownedBytes + bytes > _budget)
            {
                return null;
            }

            T[] array = GC.AllocateUninitializedArray<T>(length);
            _owned.Add(array, s_marker);
            _allocated++;
            _ownedBytes += bytes;
            return array;
        }
    }

    /// <summary>
    /// For a pool with a budget: whether a returned array may be pooled. One it owns may; one it does not (a fallback
    /// or a caller's own array) is adopted if the budget has room, and otherwise left to the GC.
    /// </summary>
    public bool OwnsOrAdopts(T[] array)
    {
        if (_owned.TryGetValue(array, out _))
        {
            return true;
        }

        long bytes = ByteLength(array);
        lock (_lock)
        {
            if (_ownedBytes + bytes > _budget || !_owned.TryAdd(array, s_marker))
            {
                return _owned.TryGetValue(array, out _);
            }

            _allocated++;
            _ownedBytes += bytes;
            return true;
        }
    }

    /// <summary>Lets the GC have an array; returns its bytes if the pool owned it, 0 for a foreign or already dropped one.</summary>
    public long Drop(T[] array)
    {
        lock (_lock)
        {
            if (!_owned.Remove(array))
            {
                return 0;
            }

            long bytes = ByteLength(array);
            _released++;
            _ownedBytes -= bytes;
            return bytes;
        }
    }

    /// <summary>Remembers an array handed out without being kept, so that its return can be told from a stranger's.</summary>
    public void AddUnpooled(T[] array) => _unpooled.AddOrUpdate(array, s_marker);

    /// <summary>Forgets an array handed out without being kept; false if it was not one (foreign, or returned already).</summary>
    public bool RemoveUnpooled(T[] array) => _unpooled.Remove(array);

    /// <summary>Live owned arrays and their bytes, counted now.</summary>
    public PoolFigures GetFigures(long thresholdHits)
    {
        lock (_lock)
        {
            long count = 0, bytes = 0;
            foreach (KeyValuePair<T[], object> entry in _owned)
            {
                count++;
                bytes += ByteLength(entry.Key);
            }

            // Arrays a caller kept and the GC collected are gone from the table; let the budget see that too.
            _ownedBytes = bytes;
            return new PoolFigures(count, bytes, _allocated, _released, thresholdHits);
        }
    }
}
