using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BufferPool.Primitives;

/// <summary>Addresses of array elements, for page arithmetic on pinned arrays (<see cref="PinnedPages"/>, <see cref="PageDecommit"/>).</summary>
internal static class Addresses
{
    /// <summary>
    /// The address of <c>array[offset]</c>. Stable only for a pinned array, which is all the callers pass: the pools'
    /// superblocks, allocated on the pinned object heap.
    /// </summary>
    public static unsafe nint Of(byte[] array, int offset) =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) + offset;
}
