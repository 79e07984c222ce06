using System.Runtime.CompilerServices;
using BufferPool.Diagnostics;

namespace BufferPool;

/// <summary>
/// Which arrays an array pool owns: the ones it created and has not let go of, whether rented out or idle. Ownership
/// is a weak table keyed by the array, so a foreign array (one the pool never created) that a caller returns, or an
/// array dropped twice after a caller's double return, never changes the figures, and an array a caller never returns
/// stops counting once the GC has collected it.
/// </summary>
/// <remarks>
/// Only slow paths touch it: an array is created when no idle one fits, and dropped by a trim or a full store. The
/// budget check reads a running byte count that a leaked array can only push up; <see cref="GetFigures"/> recounts
/// from the table and corrects it.
/// </remarks>
internal sealed class ArrayAccounting<T>
{
    private static readonly object s_owned = new();

    private readonly ConditionalWeakTable<T[], object> _owned = new();
    private readonly long _budget;
    private long _ownedBytes;
    private long _allocated;
    private long _released;

    public ArrayAccounting(long? maxReservedBytes)
    {
        _budget = maxReservedBytes ?? long.MaxValue;
    }

    public static long ByteLength(T[] array) => (long)array.Length * Unsafe.SizeOf<T>();

    /// <summary>A new array of <paramref name="length"/> that the pool owns from now on, or null past the budget.</summary>
    public T[]? TryAllocate(int length)
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (Interlocked.Read(ref _ownedBytes) + bytes > _budget)
        {
            return null;
        }

        T[] array = GC.AllocateUninitializedArray<T>(length);
        _owned.Add(array, s_owned);
        Interlocked.Increment(ref _allocated);
        Interlocked.Add(ref _ownedBytes, bytes);
        return array;
    }

    /// <summary>Lets the GC have an array; returns its bytes if the pool owned it, 0 for a foreign or already dropped one.</summary>
    public long Drop(T[] array)
    {
        if (!_owned.Remove(array))
        {
            return 0;
        }

        long bytes = ByteLength(array);
        Interlocked.Increment(ref _released);
        Interlocked.Add(ref _ownedBytes, -bytes);
        return bytes;
    }

    /// <summary>Live owned arrays and their bytes, counted now.</summary>
    public PoolFigures GetFigures(long thresholdHits)
    {
        long count = 0, bytes = 0;
        foreach (KeyValuePair<T[], object> entry in _owned)
        {
            count++;
            bytes += ByteLength(entry.Key);
        }

        // Arrays a caller kept and the GC collected are gone from the table; let the budget see that too.
        Volatile.Write(ref _ownedBytes, bytes);
        return new PoolFigures(count, bytes, Interlocked.Read(ref _allocated), Interlocked.Read(ref _released), thresholdHits);
    }
}
