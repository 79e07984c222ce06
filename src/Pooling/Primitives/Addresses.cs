using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BufferPool.Primitives;

/// <summary>Addresses of array elements, the keys of the engines' by-address lookups.</summary>
internal static class Addresses
{
    /// <summary>
    /// The address of <c>array[offset]</c>. For a pinned array it is stable; for a foreign, movable array it may be
    /// stale at once, which is fine: it is only a lookup key, and callers check the array's identity against
    /// what they find.
    /// </summary>
    public static unsafe nint Of(byte[] array, int offset) =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) + offset;
}
