using BufferPool.Primitives;

namespace BufferPool.SmallBlock;

/// <summary>
/// A fixed-size slice of a superblock that serves one size class at a time. Its free items form a lock-free
/// singly linked list of item indices (the small-block memory manager of Stack Overflow answer 1485417: "stores all the items in the Block as a singly linked list").
/// </summary>
/// <remarks>
/// A block is assigned to a class when it leaves its superblock's free-block list and keeps that class until
/// every item is back and it is retired. Retiring flips the list head to a retired state in one CAS that
/// succeeds only when all items are present, so no renter can be inside the block while it changes class.
/// </remarks>
internal sealed class Block
{
    private long _head;
    private int[] _next = [];

    public Block(SuperBlock superBlock, int index, int offset)
    {
        SuperBlock = superBlock;
        Index = index;
        Offset = offset;
        _head = IndexStack.Empty(0);
        SizeClass = -1;
    }

    public SuperBlock SuperBlock { get; }

    /// <summary>Position of the block in its superblock.</summary>
    public int Index { get; }

    /// <summary>Byte offset of the block in the superblock's array.</summary>
    public int Offset { get; }

    /// <summary>The size class served now, or -1 while the block is on its superblock's free list.</summary>
    public int SizeClass { get; private set; }

    public int ItemSize { get; private set; }

    public int ItemCount { get; private set; }

    /// <summary>The reusable slot object of each item, created lazily; dropped whenever the class changes.</summary>
    public ItemSlot?[]? Slots;

    /// <summary>
    /// <see cref="Environment.TickCount64"/> when the block last went back to its superblock's free list. Written by
    /// the thread that owns the block (off every list) before it is published; read by a purge that took it off.
    /// </summary>
    public long IdleSince;

    /// <summary>
    /// Bytes of the block given back to the OS while it sat on the free list, 0 while committed. Only the thread that
    /// took the block off the free list (a renter, or a purge under the grow lock) reads or writes it.
    /// </summary>
    public long DecommittedBytes;

    public int FreeCount => IndexStack.Count(Volatile.Read(ref _head));

    /// <summary>Cuts the block into items of <paramref name="itemSize"/> and publishes a full free list.</summary>
    public void Assign(int sizeClass, int itemSize, int blockSize)
    {
        int count = blockSize / itemSize;
        if (_next.Length < count)
        {
            // The array only ever grows. A renter that read Active before the block was retired may still pop
            // with a head of the old class: it reads that head, then this array. Any head's top is below the
            // item count of its class, which is at most the length of every later array, so that stale read
            // stays in bounds; its CAS then fails on the version that retiring and assigning bumped.
            _next = new int[count];
        }

        // Old slots describe the old item boundaries; a stale reference to one can only fail its own checks.
        Slots = null;

        SizeClass = sizeClass;
        ItemSize = itemSize;
        ItemCount = count;

        // The volatile write publishes the fields above before any renter can pop an item.
        Volatile.Write(ref _head, IndexStack.Fill(Volatile.Read(ref _head), _next, count));
    }

    public bool TryPop(out int item) => IndexStack.TryPop(ref _head, ref _next, out item);

    public void Push(int item) => IndexStack.Push(ref _head, _next, item);

    /// <summary>Takes a block whose items are all free away from its class. Fails if any item is out.</summary>
    public bool TryRetire()
    {
        if (!IndexStack.TryRetire(ref _head, ItemCount))
        {
            return false;
        }

        SizeClass = -1;
        return true;
    }

    /// <summary>The byte offset of <paramref name="item"/> in the superblock's array.</summary>
    public int ItemOffset(int item) => Offset + item * ItemSize;
}
