namespace BufferPool.LoadTests;

/// <summary>
/// The order the pools run in, per round: rotated by one each round, and reversed in every other cycle of rotations,
/// so that no pool is always first or always follows the same pool (drift on the shared machine, and what one pool's
/// trial leaves behind on the cores, spread over all of them). With three pools, rounds 1-3 each start with a
/// different pool and rounds 1-6 run all six orders. (Reversing every other round on top of the rotation would put the
/// same pool first twice in three rounds with three pools, and never change the order with two.)
/// </summary>
internal static class RoundOrder
{
    public static string[] For(IReadOnlyList<string> pools, int round)
    {
        int n = pools.Count;
        string[] cycle = (round / n) % 2 == 1 ? [.. pools.Reverse()] : [.. pools];
        return [.. Enumerable.Range(0, n).Select(i => cycle[(i + round) % n])];
    }
}
