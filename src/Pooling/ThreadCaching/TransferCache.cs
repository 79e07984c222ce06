using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BufferPool.ThreadCaching;

/// <summary>
/// The shared level between the per-thread caches of one size class and the pool's free lists (tcmalloc's transfer
/// cache): whole batches of free items move between a thread's cache and here in one step, so a thread that only
/// returns (an application's pipe reader) hands its items to a thread that only rents (Kestrel's socket loop) at one
/// compare-and-swap per batch on each side instead of one or two per item on the free lists.
/// </summary>
/// <remarks>
/// <para>A bounded multi-producer, multi-consumer ring of batches (Dmitry Vyukov's bounded MPMC queue), each cell holding
/// exactly <see cref="BatchSize"/> items in one flat array fixed when the cache is made: moving a batch allocates
/// nothing. Each cell has a sequence number. A put claims the cell at the enqueue position when its sequence equals
/// that position (a CAS advances the position), writes the items, and then publishes the cell with a release store of
/// position + 1. A take claims the cell at the dequeue position when its sequence equals position + 1 (a CAS
/// advances it), reads and clears the items, and then frees the cell for the next lap with a release store of
/// position + cell count. The acquire load of the sequence that precedes each claim pairs with those release
/// stores, so a taker sees the putter's items and the next putter sees the cleared cell; between claim and release a
/// cell belongs to one thread alone. The positions only grow (64-bit), so a stale position fails its CAS or reads a
/// sequence that does not match: no ABA.</para>
/// <para>Why a ring and not a stack: the putters touch only the enqueue position and the takers only the dequeue
/// position, each on its own cache line, so with one returning and one renting thread each position stays in its
/// thread's core and only the cells move between cores, a line or two per batch. A Treiber stack of batches (what
/// this replaced) put both sides on the same head, two of them in fact (full and empty batches), and bounced those
/// lines on every batch.</para>
/// <para>When a thread spills here or refills from here, and how a reclaim empties it (<see cref="TakeAll"/>), is this
/// folder's README.md ("Levels"). Nobody ever waits here: a full ring or an unpublished cell sends the caller to the
/// pool's store.</para>
/// </remarks>
internal sealed class TransferCache
{
    private readonly object?[] _items;
    private readonly long[] _sequences;
    private readonly int _mask;
    private Position _enqueue;
    private Position _dequeue;

    /// <param name="batchSize">Items per batch, at least 2.</param>
    /// <param name="batchCount">Cells, a power of two.</param>
    public TransferCache(int batchSize, int batchCount)
    {
        Debug.Assert(batchSize >= 2 && batchCount >= 1 && BitOperations.IsPow2(batchCount));
        BatchSize = batchSize;
        _items = new object?[batchSize * batchCount];
        _sequences = new long[batchCount];
        _mask = batchCount - 1;
        for (int i = 0; i < batchCount; i++)
        {
            _sequences[i] = i;
        }
    }

    /// <summary>Items per batch: a thread's whole capacity for the class.</summary>
    public int BatchSize { get; }

    /// <summary>Batches parked now; racy, for tests and statistics.</summary>
    public int FullBatches => (int)Math.Max(0, Volatile.Read(ref _enqueue.Value) - Volatile.Read(ref _dequeue.Value));

    /// <summary>Claims a free cell to fill; false when the ring is full. Pass <paramref name="ticket"/> to <see cref="EndPut"/>.</summary>
    public bool TryBeginPut(out int batch, out long ticket) => TryClaim(ref _enqueue.Value, lap: 0, out batch, out ticket);

    /// <summary>The items of a cell claimed by <see cref="TryBeginPut"/> or <see cref="TryBeginTake"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<object?> ItemsOf(int batch) => _items.AsSpan(batch * BatchSize, BatchSize);

    /// <summary>Publishes a cell filled with <see cref="BatchSize"/> items (a release store: the items come first).</summary>
    public void EndPut(int batch, long ticket) => Volatile.Write(ref _sequences[batch], ticket + 1);

    /// <summary>Claims the oldest published batch to empty; false when there is none ready.</summary>
    public bool TryBeginTake(out int batch, out long ticket) => TryClaim(ref _dequeue.Value, lap: 1, out batch, out ticket);

    /// <summary>
    /// Vyukov's bounded MPMC claim, shared by both ends: a cell is free to fill when its sequence equals the enqueue
    /// position (<paramref name="lap"/> 0) and ready to empty when it equals the dequeue position + 1 (<paramref name="lap"/> 1).
    /// </summary>
    private bool TryClaim(ref long cursor, int lap, out int batch, out long ticket)
    {
        long position = Volatile.Read(ref cursor);
        while (true)
        {
            int cell = (int)position & _mask;

            // Acquire: pairs with the release that last moved this cell on (EndTake freeing it for a putter, EndPut
            // publishing it for a taker), so the cleared or filled items are seen before this side touches them.
            long difference = Volatile.Read(ref _sequences[cell]) - (position + lap);
            if (difference == 0)
            {
                long seen = Interlocked.CompareExchange(ref cursor, position + 1, position);
                if (seen == position)
                {
                    batch = cell;
                    ticket = position;
                    return true;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                // Put: the cell still holds the previous lap's batch (full). Take: not published yet (empty, or a
                // putter between claim and release). Either way go elsewhere, never wait.
                batch = -1;
                ticket = 0;
                return false;
            }
            else
            {
                // Another thread at this end claimed the position since we read it.
                position = Volatile.Read(ref cursor);
            }
        }
    }

    /// <summary>Frees a cell whose items the caller took and cleared, for the putter of the next lap.</summary>
    public void EndTake(int batch, long ticket)
    {
        Debug.Assert(IsCleared(ItemsOf(batch)), "A batch goes back empty, so it keeps nothing alive.");
        Volatile.Write(ref _sequences[batch], ticket + _mask + 1);
    }

    /// <summary>Takes every published batch's items into <paramref name="into"/>; for reclaim, off the hot path.</summary>
    public void TakeAll(int sizeClass, List<(int SizeClass, object Item)> into)
    {
        while (TryBeginTake(out int batch, out long ticket))
        {
            Span<object?> items = ItemsOf(batch);
            foreach (object? item in items)
            {
                into.Add((sizeClass, item!));
            }

            items.Clear();
            EndTake(batch, ticket);
        }
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

    // Each position on a cache line of its own: with one returning and one renting thread, neither line moves.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Position
    {
        [FieldOffset(64)]
        public long Value;
    }
}
