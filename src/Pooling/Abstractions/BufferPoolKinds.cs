namespace BufferPool;

/// <summary>The values of <see cref="IBufferPool.Kind"/>, also the <c>bufferpool.kind</c> metric tag.</summary>
public static class BufferPoolKinds
{
    /// <summary><see cref="SmallBlockMemoryPool"/>: the small-block memory manager.</summary>
    public const string SmallBlock = "small-block";

    /// <summary><see cref="BitmapMemoryPool"/>: libstdc++'s bitmap allocator.</summary>
    public const string Bitmap = "bitmap";

    /// <summary><see cref="SmallBlockArrayPool{T}"/>: the small-block size classes applied to whole arrays.</summary>
    public const string SmallBlockArray = "small-block-array";

    /// <summary><see cref="FreeListArrayPool{T}"/>: the bitmap allocator's Free List Store applied to whole arrays.</summary>
    public const string FreeList = "free-list";
}
