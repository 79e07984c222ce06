using System.Diagnostics;

namespace BufferPool.Primitives;

/// <summary>
/// Pinned arrays whose usable bytes start on a page boundary, so that a block whose size is a multiple of the page size
/// covers whole pages and can give them back to the OS (<see cref="PageDecommit"/>) without touching its neighbours.
/// </summary>
/// <remarks>
/// A pinned-heap array's data starts 16 bytes after its object header, on an 8-byte boundary, not on a page boundary.
/// <see cref="Allocate"/> asks for one page more than the caller needs and <see cref="StartOf"/> is the first page
/// boundary inside the data. So the page that holds the header (and whatever object precedes the array) lies before the
/// usable range, and the page that holds the next object's header lies after it: a decommit of the usable range never
/// reaches either. The extra page is never written, so it costs address space, not resident memory.
/// </remarks>
internal static class PinnedPages
{
    /// <summary>The OS page size (<see cref="Environment.SystemPageSize"/>), a power of two.</summary>
    public static readonly int PageSize = Environment.SystemPageSize;

    /// <summary>A pinned, uninitialized array with <paramref name="usableBytes"/> starting at <see cref="StartOf"/>.</summary>
    public static byte[] Allocate(int usableBytes)
    {
        Debug.Assert(usableBytes > 0 && usableBytes <= Array.MaxLength - PageSize, "The pools' option bounds keep a superblock well under 2 GiB.");
        byte[] array = GC.AllocateUninitializedArray<byte>(usableBytes + PageSize, pinned: true);
        Debug.Assert(StartOf(array) + usableBytes <= array.Length);
        return array;
    }

    /// <summary>The usable bytes of an array from <see cref="Allocate"/>: what a pool counts as reserved.</summary>
    public static int UsableLength(byte[] array) => array.Length - PageSize;

    /// <summary>
    /// The offset of the first page boundary in a pinned array's data, 0 to one page less 8. Stable for the life of
    /// the array, since a pinned-heap array never moves.
    /// </summary>
    public static int StartOf(byte[] array)
    {
        nint address = Addresses.Of(array, 0);
        return (int)(((address + PageSize - 1) & ~(nint)(PageSize - 1)) - address);
    }
}
