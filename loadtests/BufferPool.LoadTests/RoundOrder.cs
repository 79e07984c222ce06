namespace BufferPool.LoadTests;

/// <summary>
/// The order the pools run in, per round: rotated by one each round and reversed every other round, so that no pool is
/// always first or always follows the same pool (drift on the shared machine, and what one pool's trial leaves behind
/// on the cores, spread over all of them).
/// </summary>
internal static class RoundOrder
{
    public static string[] For(IReadOnlyList<string> pools, int round)
    {
        string[] order = [.. Enumerable.Range(0, pools.Count).Select(i => pools[(i + round) % pools.Count])];
        if (round % 2 == 1)
        {
            Array.Reverse(order);
        }

        return order;
    }
}
