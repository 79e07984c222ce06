using System.Diagnostics.CodeAnalysis;

namespace BufferPool.Primitives;

/// <summary>Throws from out-of-line methods so that the hot methods that call them stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowRentSizeOutOfRange(int minBufferSize, int maxBufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize,
            $"minBufferSize must be -1 (the default size) or between 0 and MaxBufferSize ({maxBufferSize}).");

    [DoesNotReturn]
    public static void ThrowNegativeLength(int minimumLength) =>
        throw new ArgumentOutOfRangeException(nameof(minimumLength), minimumLength, "minimumLength must not be negative.");

    [DoesNotReturn]
    public static void ThrowObjectDisposed(object pool) => throw new ObjectDisposedException(pool.GetType().Name);

    [DoesNotReturn]
    public static void ThrowLeaseUsedAfterDispose() =>
        throw new ObjectDisposedException("IMemoryOwner<byte>", "The buffer was returned to the pool; its Memory may no longer be used.");

    [DoesNotReturn]
    public static void ThrowForeignArray(string paramName) =>
        throw new ArgumentException("The array was not rented from this pool: its length does not match any of its size classes.", paramName);

    [DoesNotReturn]
    public static void ThrowReturnedTwice(string paramName) =>
        throw new InvalidOperationException($"The array was already returned to the pool ({paramName}); an array may be returned once per rent.");

    [DoesNotReturn]
    public static void ThrowNotOutstanding(string paramName) =>
        throw new InvalidOperationException($"The array ({paramName}) is not out of this pool: it was not rented from it, or it was already returned (diagnostics mode).");
}
