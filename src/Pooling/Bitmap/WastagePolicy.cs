namespace BufferPool.Bitmap;

/// <summary>libstdc++'s rules for how much internal fragmentation the Free List Store accepts.</summary>
internal static class WastagePolicy
{
    /// <summary>libstdc++'s choice (3): at most 36% of a super block may go unused.</summary>
    public const int DefaultMaxWastagePercent = 36;

    /// <summary>
    /// <c>_S_should_i_give</c>: hand out a free block of <paramref name="blockLength"/> for a request of
    /// <paramref name="requestLength"/> only if <c>(block - request) * 100 / block &lt; maxWastagePercent</c>,
    /// in integer arithmetic as libstdc++'s manual has it.
    /// </summary>
    public static bool ShouldIGive(long blockLength, long requestLength, int maxWastagePercent) =>
        blockLength >= requestLength && (blockLength - requestLength) * 100 / blockLength < maxWastagePercent;

    /// <summary>
    /// The libstdc++ manual's maximum-wastage formula, <c>(32k + 1) / (2 (32k + 1 + 32c)) x 100</c>, where <paramref name="k"/>
    /// is the per-node overhead in bytes and <paramref name="c"/> the size of the value type: 33.376% for a list
    /// (k = 8, c = 4) and 37.524% for a map (k = 12, c = 4).
    /// </summary>
    public static double MaxWastagePercent(int k, int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        double node = 32.0 * k + 1;
        return node / (2 * (node + 32.0 * c)) * 100;
    }
}
