using System.Numerics;
using BufferPool.Primitives;
using BufferPool.SmallBlock;

namespace BufferPool.Tests.SmallBlock;

/// <summary>
/// Maps an address to the superblock that contains it (the small-block memory manager of Stack Overflow answer 1485417: "The SuperBlocks are arranged in a rangemap
/// with O(1) average performance").
/// </summary>
/// <remarks>
/// The key of an address is <c>address &gt;&gt; log2(superBlockSize)</c>. A superblock is not aligned to its size, so
/// it spans at most two keys, and one key is shared by at most two superblocks (the tail of one, the head of
/// the next); each entry therefore carries two candidates. The table is open-addressed and at most half full.
/// Lookups read an immutable snapshot without a lock; the rare writers (growth and release), serialized by their
/// caller, copy the table and publish it with a volatile write.
/// <para>The reference implementation of the answer's range map, kept beside its tests rather than in the library: the
/// answer needs it to free an item by its address, but a .NET caller returns a buffer through its lease, which knows its
/// slot, so nothing the library offers frees by address, and its engine keeps no map (docs/architecture.md).</para>
/// </remarks>
internal sealed class RangeMap
{
    private readonly int _shift;
    private Entry[] _table = new Entry[16];
    private int _keys;

    public RangeMap(int superBlockSize)
    {
        _shift = BitOperations.Log2((uint)superBlockSize);
    }

    /// <summary>Number of keys in use.</summary>
    public int KeyCount => _keys;

    public SuperBlock? Find(nint address)
    {
        Entry[] table = Volatile.Read(ref _table);
        long key = (long)address >> _shift;
        int mask = table.Length - 1;
        for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
        {
            ref Entry e = ref table[i];
            if (e.First is null)
            {
                return null;
            }

            if (e.Key == key)
            {
                if (Contains(e.First, address))
                {
                    return e.First;
                }

                return e.Second is not null && Contains(e.Second, address) ? e.Second : null;
            }
        }
    }

    /// <summary>Adds a superblock. Writers are serialized by the caller.</summary>
    public void Add(SuperBlock superBlock)
    {
        Entry[] table = Copy(Volatile.Read(ref _table), _keys + 2);
        foreach (long key in KeysOf(superBlock))
        {
            Insert(table, key, superBlock);
        }

        Volatile.Write(ref _table, table);
    }

    /// <summary>Rebuilds the map from the live superblocks after a release. Writers are serialized by the caller.</summary>
    public void Rebuild(IEnumerable<SuperBlock> live)
    {
        _keys = 0;
        var table = new Entry[16];
        foreach (SuperBlock s in live)
        {
            table = Grow(table, _keys + 2);
            foreach (long key in KeysOf(s))
            {
                Insert(table, key, s);
            }
        }

        Volatile.Write(ref _table, table);
    }

    private long[] KeysOf(SuperBlock s)
    {
        long first = (long)AddressOf(s) >> _shift;
        long last = ((long)AddressOf(s) + s.Length - 1) >> _shift;
        return first == last ? [first] : [first, last];
    }

    private void Insert(Entry[] table, long key, SuperBlock superBlock)
    {
        int mask = table.Length - 1;
        for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
        {
            ref Entry e = ref table[i];
            if (e.First is null)
            {
                e = new Entry(key, superBlock, null);
                _keys++;
                return;
            }

            if (e.Key == key)
            {
                e = new Entry(key, e.First, superBlock);
                return;
            }
        }
    }

    private Entry[] Copy(Entry[] table, int keysNeeded)
    {
        int size = table.Length;
        while (keysNeeded * 2 > size)
        {
            size *= 2;
        }

        var copy = new Entry[size];
        if (size == table.Length)
        {
            Array.Copy(table, copy, size);
            return copy;
        }

        _keys = 0;
        foreach (Entry e in table)
        {
            if (e.First is not null)
            {
                Insert(copy, e.Key, e.First);
                if (e.Second is not null)
                {
                    Insert(copy, e.Key, e.Second);
                }
            }
        }

        return copy;
    }

    private Entry[] Grow(Entry[] table, int keysNeeded) => keysNeeded * 2 > table.Length ? Copy(table, keysNeeded) : table;

    /// <summary>The address of a superblock's first block: its array is pinned for life, so the address is a stable key.</summary>
    public static nint AddressOf(SuperBlock s) => Addresses.Of(s.Array, s.Start);

    private static bool Contains(SuperBlock s, nint address) => address >= AddressOf(s) && address < AddressOf(s) + s.Length;

    // Fibonacci hashing spreads consecutive keys, which is what neighbouring superblocks produce.
    private static int Hash(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 40);

    private readonly record struct Entry(long Key, SuperBlock? First, SuperBlock? Second);
}
