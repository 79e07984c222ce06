namespace BufferPool.ThreadCaching;

/// <summary>
/// Where a <see cref="ThreadCache"/> sends the items it gives up: the pool's own store (its free lists, bitmaps or array
/// store). A reclaim calls it with no lock of the set held, and after the pool is disposed, when it drops what it gets.
/// </summary>
internal interface IThreadCacheSink
{
    void ReturnShared(int sizeClass, object item);
}
