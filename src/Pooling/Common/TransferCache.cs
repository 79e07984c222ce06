using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BufferPool.Common;

/// <summary>
/// The shared level between the per-thread caches of one size class and the pool's free lists (tcmalloc's transfer
/// cache): whole batches of free items move between a thread's cache and here in one step, so a thread that only
/// returns (an application's pipe reader) hands its items to a thread that only rents (Kestrel's socket loop) at two
/// compare-and-swaps per batch instead of one per item on the free lists.
/// </summary>
/// <remarks>
/// <para>Storage is fixed when the cache is made: <c>BatchCount</c> batches of exactly <see cref="BatchSize"/> items in
/// one flat array, and two lock-free stacks of batch indices (<see cref="IndexStack"/>: a Treiber stack whose head
/// carries a version, so a pop that read a stale link fails its CAS instead of installing it), one of full batches and
/// one of empty ones. Moving nothing but indices between the two stacks allocates nothing, and the versioned heads
/// make the index reuse ABA-safe, which a stack of linked item objects (reused too) would not be.</para>
/// <para>A put pops an empty index, writes the batch's items, and pushes the index on the full stack; a take pops a
/// full index, reads and clears the items, and pushes the index on the empty stack. Ordering: the pushing
/// <see cref="Interlocked.CompareExchange(ref long, long, long)"/> is a full fence, so the item writes before it are
/// visible to whoever pops the index afterwards, and that pop is a CAS too (an acquire), so its later item reads see
/// them. Between its pop and its push an index belongs to one thread alone, so its items need no further
/// synchronisation. When no empty batch is left the caller falls back to the free lists item by item; when no full
/// batch is there it rents from them as before.</para>
/// <para>Items held here are free: the pool's reclaim (<see cref="ThreadCacheSet.Reclaim"/>: trims, the budget path,
/// disposal) takes every full batch back to the free lists with <see cref="TakeAll"/>.</para>
/// </remarks>
internal sealed class TransferCache
{
    private readonly object?[] _items;
    private long _full;
    private int[] _fullNext;
    private long _empty;
    private int[] _emptyNext;

    public TransferCache(int batchSize, int batchCount)
    {
        Debug.Assert(batchSize >= 2 && batchCount >= 1 && batchCount <= IndexStack.MaxEntries);
        BatchSize = batchSize;
        _items = new object?[batchSize * batchCount];
        _fullNext = new int[batchCount];
        _emptyNext = new int[batchCount];
        _full = IndexStack.Empty(0);
        _empty = IndexStack.Fill(0, _emptyNext, batchCount);
    }

    /// <summary>Items per batch: half a thread's capacity for the class.</summary>
    public int BatchSize { get; }

    /// <summary>Full batches now; racy, for tests and statistics.</summary>
    public int FullBatches => IndexStack.Count(Volatile.Read(ref _full));

    /// <summary>Claims an empty batch to fill; false when every batch is full.</summary>
    public bool TryBeginPut(out int batch) => IndexStack.TryPop(ref _empty, ref _emptyNext, out batch);

    /// <summary>The items of a batch claimed by <see cref="TryBeginPut"/> or <see cref="TryBeginTake"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<object?> ItemsOf(int batch) => _items.AsSpan(batch * BatchSize, BatchSize);

    /// <summary>Publishes a batch filled with <see cref="BatchSize"/> items (the push is a full fence).</summary>
    public void EndPut(int batch) => IndexStack.Push(ref _full, _fullNext, batch);

    /// <summary>Claims a full batch to empty; false when none is there.</summary>
    public bool TryBeginTake(out int batch) => IndexStack.TryPop(ref _full, ref _fullNext, out batch);

    /// <summary>Gives back a batch whose items the caller took and cleared.</summary>
    public void EndTake(int batch)
    {
        Debug.Assert(IsCleared(ItemsOf(batch)), "A batch goes back empty, so it keeps nothing alive.");
        IndexStack.Push(ref _empty, _emptyNext, batch);
    }

    private static bool IsCleared(Span<object?> items)
    {
        foreach (object? item in items)
        {
            if (item is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes every full batch's items into <paramref name="into"/>; for reclaim, off the hot path.</summary>
    public void TakeAll(int sizeClass, List<(int SizeClass, object Item)> into)
    {
        while (TryBeginTake(out int batch))
        {
            Span<object?> items = ItemsOf(batch);
            foreach (object? item in items)
            {
                into.Add((sizeClass, item!));
            }

            items.Clear();
            EndTake(batch);
        }
    }
}
