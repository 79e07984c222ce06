using System.Numerics;

namespace BufferPool.Primitives;

/// <summary>
/// Size classes from a power-of-two minimum to a power-of-two maximum, four per octave
/// (1.25x, 1.5x, 1.75x and 2x of the octave's base), so a request never wastes more than 25% of its size.
/// </summary>
/// <remarks>
/// A request of <c>s</c> bytes with <c>2^k &lt; s &lt;= 2^(k+1)</c> lands in the smallest class
/// <c>2^k + q * 2^(k-2)</c> (q = 1..4) that holds it; the class exceeds the request by less than
/// <c>2^(k-2) &lt; s / 4</c>. The lookup is a leading-zero count and two shifts, with no table search.
/// </remarks>
internal sealed class SizeClassTable
{
    private readonly int _minShift;
    private readonly int[] _sizes;

    public SizeClassTable(int minSize, int maxSize)
    {
        if (!BitOperations.IsPow2(minSize) || minSize < 4 || !BitOperations.IsPow2(maxSize) || maxSize < minSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minSize), "Size class bounds must be powers of two with 4 <= min <= max.");
        }

        _minShift = BitOperations.Log2((uint)minSize);
        int maxShift = BitOperations.Log2((uint)maxSize);
        _sizes = new int[1 + 4 * (maxShift - _minShift)];
        _sizes[0] = minSize;
        MinSize = minSize;
        MaxSize = maxSize;
        for (int i = 1; i < _sizes.Length; i++)
        {
            int octave = _minShift + (i - 1) / 4;
            int quarter = (i - 1) % 4 + 1;
            _sizes[i] = (1 << octave) + quarter * (1 << (octave - 2));
        }
    }

    public int Count => _sizes.Length;

    // Fields, not _sizes[0] and _sizes[^1]: the rent path reads them, and an array load is one more hop.
    public int MinSize { get; }

    public int MaxSize { get; }

    public int GetSize(int classIndex) => _sizes[classIndex];

    /// <summary>The class of a request of <paramref name="size"/> units, for 1 &lt;= size &lt;= <see cref="MaxSize"/>.</summary>
    public int GetIndex(int size)
    {
        uint s = (uint)size - 1;
        if (s < (uint)MinSize)
        {
            return 0;
        }

        int k = BitOperations.Log2(s);
        int quarter = (int)(s >> (k - 2)) & 3;
        return 1 + ((k - _minShift) << 2) + quarter;
    }
}
