using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace BufferPool.Common;

/// <summary>
/// What an array pool owns and what it served outside itself. Each pooled array counts as one "superblock" in the
/// statistics. Interlocked, because it changes only when an array is created, dropped, or served unpooled, never
/// on a steady-state rent or return.
/// </summary>
internal sealed class ArrayAccounting<T>
{
    private long _allocated;
    private long _dropped;
    private long _bytesOwned;
    private long _fallbacks;
    private long _fallbackBytes;

    public static long ByteLength(T[] array) => (long)array.Length * Unsafe.SizeOf<T>();

    /// <summary>A new array of <paramref name="length"/> that the pool owns from now on.</summary>
    public T[] Allocate(int length)
    {
        T[] array = GC.AllocateUninitializedArray<T>(length);
        Interlocked.Increment(ref _allocated);
        Interlocked.Add(ref _bytesOwned, ByteLength(array));
        return array;
    }

    /// <summary>Lets the GC have an array the pool owned; returns its bytes.</summary>
    public long Drop(T[] array)
    {
        long bytes = ByteLength(array);
        Interlocked.Increment(ref _dropped);
        Interlocked.Add(ref _bytesOwned, -bytes);
        return bytes;
    }

    /// <summary>
    /// <c>Rent</c> for lengths the pool does not keep, with <see cref="System.Buffers.ArrayPool{T}.Shared"/>'s rules:
    /// 0 gives an empty array, a negative length throws, a longer one is allocated and counted as a fallback.
    /// </summary>
    public T[] RentOutsidePool(int minimumLength)
    {
        if (minimumLength == 0)
        {
            return [];
        }

        if (minimumLength < 0)
        {
            ThrowHelper.ThrowNegativeLength(minimumLength);
        }

        Interlocked.Increment(ref _fallbacks);
        Interlocked.Add(ref _fallbackBytes, (long)minimumLength * Unsafe.SizeOf<T>());
        return GC.AllocateUninitializedArray<T>(minimumLength);
    }

    public BufferPoolStatistics Snapshot(ThreadCacheTotals totals, long thresholdHits)
    {
        long allocated = Interlocked.Read(ref _allocated);
        long dropped = Interlocked.Read(ref _dropped);
        long fallbacks = Interlocked.Read(ref _fallbacks);
        return new BufferPoolStatistics
        {
            SuperBlockCount = allocated - dropped,
            ReservedBytes = Interlocked.Read(ref _bytesOwned),
            InUseBytes = totals.RentedBytes - totals.ReturnedBytes,
            RentCount = totals.Rents + fallbacks,
            ReturnCount = totals.Returns,
            SuperBlocksAllocated = allocated,
            SuperBlocksReleased = dropped,
            FreeListThresholdHits = thresholdHits,
            FallbackCount = fallbacks,
            RentedBytes = totals.RentedBytes + Interlocked.Read(ref _fallbackBytes),
            FallbackBytes = Interlocked.Read(ref _fallbackBytes),
        };
    }

    [DoesNotReturn]
    public static void ThrowReturnedTwice() => throw new InvalidOperationException("The array was already returned to the pool.");
}
