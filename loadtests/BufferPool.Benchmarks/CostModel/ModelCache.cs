namespace BufferPool.Benchmarks.CostModel;

/// <summary>
/// One thread's cache for one <see cref="ModelPool{TGuarantees}"/>: a single hot buffer, as BufferPool's per-class entry
/// holds first, with the fields the guarantees touch beside it.
/// </summary>
internal sealed class ModelCache(long token)
{
    [ThreadStatic]
    private static ModelCache?[]? t_table;

    // One counter for every model pool, whatever its guarantees: the slots index one table per thread.
    private static int s_nextSlot;

    /// <summary>The calling thread's caches, one per live model pool, by the pool's slot (BufferPool's thread table).</summary>
    public static ModelCache?[]? ThreadTable => t_table;

    public object? Hot;
    public int Busy;
    // A reclaimer's flag: the model has no reclaimer, so it stays 0 and only the owner's read of it is priced.
#pragma warning disable CS0649
    public int Reclaiming;
#pragma warning restore CS0649
    public readonly long Token = token;
    public long Returns;
    public OwnerRents Rents;

    /// <summary>A slot no other model pool in the process has.</summary>
    public static int NextSlot() => Interlocked.Increment(ref s_nextSlot) - 1;

    /// <summary>The calling thread's table, made or grown to hold <paramref name="slot"/>.</summary>
    public static ModelCache?[] TableFor(int slot)
    {
        ModelCache?[] table = t_table ?? new ModelCache?[4];
        if (slot >= table.Length)
        {
            Array.Resize(ref table, (slot + 1) * 2);
        }

        return t_table = table;
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    public struct OwnerRents
    {
        private long _rents;
    }
}
