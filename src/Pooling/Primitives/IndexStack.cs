namespace BufferPool.Primitives;

/// <summary>
/// A lock-free LIFO of small integer indices (a Treiber stack) whose links live in a caller-owned
/// <c>int[]</c>, and whose head is one <see cref="long"/> updated with <see cref="Interlocked.CompareExchange(ref long, long, long)"/>.
/// </summary>
/// <remarks>
/// Head layout: bits 0-15 hold <c>top + 1</c> (0 = empty), bits 16-31 the number of entries, bits 32-63 a version.
/// Every successful push or pop bumps the version, so a pop that read <c>next[top]</c> before another thread
/// popped and re-pushed the same index fails its CAS instead of installing a stale link (the ABA problem).
/// The count rides in the same word so that "all entries present" can be turned into "retired" atomically:
/// a retired stack refuses pops, which is how a block or superblock is taken away from concurrent renters.
/// </remarks>
internal static class IndexStack
{
    /// <summary>The largest number of indices one stack can hold.</summary>
    public const int MaxEntries = 0xFFFE;

    private const long IndexMask = 0xFFFF;
    private const int CountShift = 16;
    private const long RetiredCount = 0xFFFF;
    private const int VersionShift = 32;

    /// <summary>Builds a full stack holding <c>0 .. count-1</c>, with 0 on top. The caller publishes the head.</summary>
    public static long Fill(long previousHead, int[] next, int count)
    {
        for (int i = 0; i < count - 1; i++)
        {
            next[i] = i + 1;
        }

        next[count - 1] = -1;
        return Make(Version(previousHead) + 1, count, 0);
    }

    /// <summary>An empty stack whose version continues from <paramref name="previousHead"/>.</summary>
    public static long Empty(long previousHead) => Make(Version(previousHead) + 1, 0, -1);

    public static int Count(long head)
    {
        long count = (head >> CountShift) & 0xFFFF;
        return count == RetiredCount ? 0 : (int)count;
    }

    public static bool IsRetired(long head) => ((head >> CountShift) & 0xFFFF) == RetiredCount;

    /// <remarks>
    /// <paramref name="next"/> is taken by reference and read after the head: an owner that replaces its link
    /// array writes the array before it publishes a new head, so a popper that sees that head sees the array.
    /// </remarks>
    public static bool TryPop(ref long head, ref int[] next, out int index)
    {
        while (true)
        {
            long h = Volatile.Read(ref head);
            long top = h & IndexMask;
            long count = (h >> CountShift) & 0xFFFF;
            if (top == 0 || count == RetiredCount)
            {
                index = -1;
                return false;
            }

            int i = (int)top - 1;

            // May be stale if another thread pops i first; the version in the CAS rejects that case.
            int link = Volatile.Read(ref Volatile.Read(ref next)[i]);
            long replacement = Make(Version(h) + 1, (int)count - 1, link);
            if (Interlocked.CompareExchange(ref head, replacement, h) == h)
            {
                index = i;
                return true;
            }
        }
    }

    /// <summary>Pushes <paramref name="index"/> and returns the new number of entries.</summary>
    public static int Push(ref long head, int[] next, int index)
    {
        while (true)
        {
            long h = Volatile.Read(ref head);
            long count = (h >> CountShift) & 0xFFFF;
            if (count == RetiredCount)
            {
                // Only a bug in the caller can push into a retired stack: every index was already present.
                throw new InvalidOperationException("Internal error: push into a retired free list.");
            }

            next[index] = (int)(h & IndexMask) - 1;
            long replacement = Make(Version(h) + 1, (int)count + 1, index);
            if (Interlocked.CompareExchange(ref head, replacement, h) == h)
            {
                return (int)count + 1;
            }
        }
    }

    /// <summary>
    /// Marks the stack retired if and only if it holds exactly <paramref name="capacity"/> entries, i.e. nothing
    /// is out. After that every pop fails, so no thread can take an index from it any more.
    /// </summary>
    public static bool TryRetire(ref long head, int capacity)
    {
        long h = Volatile.Read(ref head);
        if (((h >> CountShift) & 0xFFFF) != capacity)
        {
            return false;
        }

        long retired = (Version(h) + 1) << VersionShift | RetiredCount << CountShift;
        return Interlocked.CompareExchange(ref head, retired, h) == h;
    }

    private static long Version(long head) => (long)((ulong)head >> VersionShift);

    private static long Make(long version, int count, int top) =>
        (version << VersionShift) | ((long)count << CountShift) | ((long)(top + 1) & IndexMask);
}
