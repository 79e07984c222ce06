using System.Diagnostics;
using System.Numerics;
using BufferPool.Primitives;

namespace BufferPool.Bitmap;

/// <summary>
/// A super block of libstdc++'s bitmap allocator: <see cref="BlockCount"/> fixed-size blocks over one pinned array, a bitmap with one
/// bit per block (1 = free), and a use count.
/// </summary>
/// <remarks>
/// <para>Bits are claimed with <see cref="BitOperations.TrailingZeroCount(ulong)"/> and a CAS on the 64-bit word,
/// and freed with a CAS that first checks the bit: no mutex, where libstdc++ serialises everything on one.
/// The masks are <c>1UL &lt;&lt; bit</c>; libstdc++ shifts an <c>int</c>, so on 64-bit only 32 of each word's 64
/// blocks are ever handed out.</para>
/// <para>The use count doubles as a reservation: an allocator increments it before it looks for a bit, so a
/// reservation that succeeds (count at most <see cref="BlockCount"/>) is sure to find one. Releasing an empty
/// super block is one CAS of the count from 0 to a large negative value, after which every reservation fails;
/// so no allocator can be inside a super block while it goes to the Free List Store.</para>
/// </remarks>
internal sealed class BitmapSuperBlock
{
    private const int Retired = int.MinValue / 2;
    private readonly ulong[] _bitmap;
    private int _useCount;
    private int _nextWord;

    public BitmapSuperBlock(byte[] array, int blockCount, int blockSize)
    {
        Array = array;
        BlockCount = blockCount;
        BlockSize = blockSize;

        // The blocks start on a page boundary (PinnedPages), so an idle super block's pages go back to the OS whole.
        Start = PinnedPages.StartOf(array);
        Debug.Assert(Start + Length <= array.Length, "The array holds the blocks after its first page boundary.");
        _bitmap = new ulong[blockCount / 64];
        System.Array.Fill(_bitmap, ulong.MaxValue);
        Slots = new BitmapSlot?[blockCount];
    }

    /// <summary>The pinned backing array; it may be longer than the blocks use (the FLS's 36% rule).</summary>
    public byte[] Array { get; }

    /// <summary>The usable bytes of <see cref="Array"/>, at least <see cref="Length"/>: what the pool counts as reserved.</summary>
    public int Capacity => PinnedPages.UsableLength(Array);

    /// <summary>The offset in <see cref="Array"/> of block 0, a page boundary.</summary>
    public int Start { get; }

    /// <summary>
    /// <see cref="Environment.TickCount64"/> when the super block went to the Free List Store. Engine lock.
    /// </summary>
    public long IdleSince { get; set; }

    /// <summary>Bytes given back to the OS while it sat in the Free List Store, 0 while committed. Engine lock.</summary>
    public long DecommittedBytes { get; set; }

    public int BlockCount { get; }

    public int BlockSize { get; }

    /// <summary>The offset in <see cref="Array"/> of <paramref name="block"/>.</summary>
    public int BlockOffset(int block) => Start + block * BlockSize;

    /// <summary>Bytes covered by blocks, from <see cref="Start"/>.</summary>
    public long Length => (long)BlockCount * BlockSize;

    /// <summary>The reusable object of each block, created when the block is first handed out.</summary>
    public BitmapSlot?[] Slots { get; }

    /// <summary>Blocks in use (or being claimed); 0 once retired.</summary>
    public int UseCount => Math.Max(0, Volatile.Read(ref _useCount));

    /// <summary>Whether the use count is below capacity: first-fit skips the others without touching their bitmaps.</summary>
    public bool HasFree => (uint)Volatile.Read(ref _useCount) < (uint)BlockCount;

    /// <summary>Claims a free block and returns its index, or -1 if the super block is full or retired.</summary>
    public int TryAllocate()
    {
        int used = Interlocked.Increment(ref _useCount);
        if (used <= 0 || used > BlockCount)
        {
            Interlocked.Decrement(ref _useCount);
            return -1;
        }

        // The reservation guarantees a free bit exists; under contention a pass may miss it, so go round again.
        int words = _bitmap.Length;
        while (true)
        {
            int start = _nextWord;
            for (int k = 0; k < words; k++)
            {
                int w = start + k < words ? start + k : start + k - words;
                ulong bits = Volatile.Read(ref _bitmap[w]);
                while (bits != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(bits);
                    ulong seen = Interlocked.CompareExchange(ref _bitmap[w], bits & ~(1UL << bit), bits);
                    if (seen == bits)
                    {
                        // Next fit: the next search starts where this one succeeded.
                        _nextWord = w;
                        return (w << 6) | bit;
                    }

                    bits = seen;
                }
            }
        }
    }

    /// <summary>
    /// Frees a block. A block whose bit is already set is a double free: it throws and changes nothing.
    /// </summary>
    /// <returns>True when this free brought the use count to 0.</returns>
    public bool Free(int block)
    {
        int w = block >> 6;
        ulong mask = 1UL << (block & 63);
        ulong bits = Volatile.Read(ref _bitmap[w]);
        while (true)
        {
            if ((bits & mask) != 0)
            {
                throw new InvalidOperationException($"Block {block} was freed twice: its bit in the super block's bitmap is already set.");
            }

            ulong seen = Interlocked.CompareExchange(ref _bitmap[w], bits | mask, bits);
            if (seen == bits)
            {
                return Interlocked.Decrement(ref _useCount) == 0;
            }

            bits = seen;
        }
    }

    /// <summary>Whether <paramref name="block"/> is free in the bitmap; for tests.</summary>
    public bool IsFree(int block) => (Volatile.Read(ref _bitmap[block >> 6]) & (1UL << (block & 63))) != 0;

    /// <summary>Retires the super block if nothing is in use; afterwards every allocation from it fails.</summary>
    public bool TryRetire() => Interlocked.CompareExchange(ref _useCount, Retired, 0) == 0;

    /// <summary>
    /// Brings a retired super block back from the Free List Store. Every bit is already set (it retired with all
    /// blocks free), and its slot objects still describe its blocks, so reuse allocates nothing.
    /// </summary>
    public void Revive()
    {
        _nextWord = 0;
        Volatile.Write(ref _useCount, 0);
    }
}
