using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BufferPool.Primitives;

/// <summary>
/// Gives the physical pages behind a page-aligned range of a live pinned array back to the OS while the array, its
/// address and its mapping stay: the pool keeps the memory for reuse, and the next touch of a page pays a page fault
/// (and reads zeros) instead of a new allocation. mimalloc's purge of idle pages, done on the pools' own arrays.
/// </summary>
/// <remarks>
/// <para>The safety argument. A pool only decommits memory that no lease can reach: a block on its superblock's free list
/// that the purging thread popped (so no renter holds it), or a whole superblock retired from its pool. A caller that
/// kept a <see cref="Memory{T}"/> after returning it (a bug the pool must survive) can still read and write there, and
/// must not crash the process:</para>
/// <list type="bullet">
/// <item>Nothing is unmapped and no protection changes: the array stays a live, pinned GC object as long as that
/// <see cref="Memory{T}"/> (or the pool) refers to it, so its address range stays mapped read-write.</item>
/// <item>Linux, <c>madvise(2)</c> with <c>MADV_DONTNEED</c>: on the private anonymous mappings the GC heap is made of,
/// the next access of a page maps a fresh zero-filled page. A stale read sees zeros, a stale write lands in a fresh
/// page; neither faults fatally. (<c>MADV_FREE</c> is as safe, but its pages stay counted in RSS until the kernel is
/// short of memory, which is what a container limit and the OOM killer see: docs/memory.md has both measured.)</item>
/// <item>Windows, <c>DiscardVirtualMemory</c>: the pages stay committed and accessible, their contents undefined, their
/// physical memory free to go. <c>VirtualFree(MEM_DECOMMIT)</c> is never used: inside a GC object it would make a
/// stale touch an access violation.</item>
/// <item>Other systems (macOS included): a documented no-op; nothing is decommitted and the figures say so.</item>
/// <item>The GC never reads a <c>byte[]</c>'s elements (they hold no references), and the usable range starts and ends
/// on page boundaries inside the array's data (<see cref="PinnedPages"/>), so the object header, the method table
/// pointer the GC marks through, and the neighbouring objects are never on a decommitted page.</item>
/// </list>
/// </remarks>
internal static partial class PageDecommit
{
    /// <summary>Whether this OS gives pages back (Linux, Windows); elsewhere <see cref="Decommit"/> does nothing.</summary>
    public static readonly bool Supported = OperatingSystem.IsLinux() || OperatingSystem.IsWindows();

    /// <summary>
    /// The advice on Linux: <see cref="LinuxAdvice.DontNeed"/> (the default, RSS falls at once) or
    /// <see cref="LinuxAdvice.Free"/>; settable for the measurements that chose between them.
    /// </summary>
    internal static LinuxAdvice Advice { get; set; } = LinuxAdvice.DontNeed;

    /// <summary>
    /// Decommits <c>array[offset .. offset + length)</c>, rounded inward to whole pages. The caller guarantees that no
    /// lease can reach the range (see the remarks). Returns the bytes given back, 0 when none (an unsupported OS, a
    /// range smaller than a page, or a failed call, which leaves the memory as it was).
    /// </summary>
    public static long Decommit(byte[] array, int offset, int length)
    {
        Debug.Assert((uint)offset <= (uint)array.Length && (uint)length <= (uint)(array.Length - offset));
        if (!Supported)
        {
            return 0;
        }

        nint address = Addresses.Of(array, offset);
        nint mask = PinnedPages.PageSize - 1;
        nint start = (address + mask) & ~mask;
        nint end = (address + length) & ~mask;
        if (end <= start)
        {
            return 0;
        }

        // The array is pinned: its address is stable, and it stays alive across the call (KeepAlive below).
        bool done = OperatingSystem.IsWindows()
            ? Native.DiscardVirtualMemory(start, (nuint)(end - start)) == 0
            : Native.Madvise(start, (nuint)(end - start), (int)Advice) == 0;
        GC.KeepAlive(array);
        return done ? end - start : 0;
    }

    /// <summary>The two <c>madvise(2)</c> advices that give anonymous pages back (their Linux values).</summary>
    internal enum LinuxAdvice
    {
        /// <summary><c>MADV_DONTNEED</c>: the pages go at once; the next touch maps a zero page.</summary>
        DontNeed = 4,

        /// <summary><c>MADV_FREE</c>: the kernel frees the pages when it needs memory, unless they are written first.</summary>
        Free = 8,
    }

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "madvise")]
        public static partial int Madvise(nint address, nuint length, int advice);

        // Windows 8.1 and later; returns ERROR_SUCCESS (0) or an error code.
        [LibraryImport("kernel32.dll")]
        public static partial uint DiscardVirtualMemory(nint address, nuint size);
    }
}
