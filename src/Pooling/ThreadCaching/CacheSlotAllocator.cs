namespace BufferPool.ThreadCaching;

/// <summary>
/// Hands out small dense integers to live pools, reusing those of disposed pools, so a per-thread array
/// indexed by pool slot stays short however many pools a process creates over its life.
/// </summary>
internal static class CacheSlotAllocator
{
    private static readonly object s_lock = new();
    private static readonly Stack<int> s_free = new();
    private static int s_next;

    public static int Acquire()
    {
        lock (s_lock)
        {
            return s_free.Count > 0 ? s_free.Pop() : s_next++;
        }
    }

    public static void Release(int slot)
    {
        lock (s_lock)
        {
            s_free.Push(slot);
        }
    }
}
