using System.Diagnostics;
using BufferPool.Primitives;

namespace BufferPool.Bitmap;

/// <summary>
/// Giving idle memory back to the OS in place (mimalloc's purge): a super block that has sat in the Free List Store for
/// at least the purge delay has its pages decommitted (<see cref="PageDecommit"/>) but stays in the store, so the next
/// growth that takes it pays page faults instead of an allocation; a super block that leaves the pool (trimmed from the
/// store, or dropped by a full one) is decommitted whole before it is let go, so the process's resident memory falls at
/// once, not at a later gen2 collection.
/// </summary>
/// <remarks>
/// Exclusion: a super block in the store is retired (every allocation from it fails) and is handed out again only by
/// growth, which takes it from the store under the engine lock; the purge of store entries runs under that lock, so no
/// lease can reach one while its pages go. A super block that leaves the pool is out of every table and the store
/// before its pages go, so those are decommitted after the lock is let go, and no renter waits for the system calls. Free blocks of super blocks still in use are not decommitted: their bits are claimed
/// lock-free by renters, and a super block goes to the store as soon as its last block comes back, which after a burst
/// is all of them.
/// </remarks>
internal sealed partial class BitmapEngine<TSlot>
{
    private readonly long _purgeDelayMilliseconds;
    private long _decommittedBytes;
    private long _decommits;

    /// <summary>Called with each range just before it is decommitted (array, offset, length), for tests.</summary>
    internal Action<byte[], int, int>? Decommitting { get; set; }

    /// <summary>A super block taken from the store is committed again; it counts whole (an upper bound) from now on.</summary>
    private void Recommit(BitmapSuperBlock superBlock)
    {
        Debug.Assert(Monitor.IsEntered(_lock));
        _decommittedBytes -= superBlock.DecommittedBytes;
        superBlock.DecommittedBytes = 0;
        Debug.Assert(_decommittedBytes >= 0, "The decommitted bytes count only store entries.");
    }

    /// <summary>
    /// A super block leaves the pool (retired, out of every table and the store, so it can serve no rent): its
    /// decommitted bytes leave the count now, under the lock, and its pages go back in <see cref="DecommitLeaving"/>.
    /// </summary>
    private void Leave(BitmapSuperBlock superBlock, ref List<BitmapSuperBlock>? leaving)
    {
        Recommit(superBlock);
        (leaving ??= []).Add(superBlock);
    }

    /// <summary>Decommits the super blocks that left the pool, with no lock held.</summary>
    private void DecommitLeaving(List<BitmapSuperBlock>? leaving)
    {
        Debug.Assert(!Monitor.IsEntered(_lock));
        if (leaving is null)
        {
            return;
        }

        foreach (BitmapSuperBlock superBlock in leaving)
        {
            _ = Decommit(superBlock);
        }
    }

    /// <summary>Decommits the store's entries that have been idle for at least the purge delay.</summary>
    private void PurgeIdleStoreEntries()
    {
        Debug.Assert(Monitor.IsEntered(_lock));
        if (_purgeDelayMilliseconds < 0 || !PageDecommit.Supported)
        {
            return;
        }

        long now = Environment.TickCount64;
        foreach (BitmapSuperBlock superBlock in _freeList.Snapshot())
        {
            if (superBlock.DecommittedBytes == 0 && now - superBlock.IdleSince >= _purgeDelayMilliseconds)
            {
                superBlock.DecommittedBytes = Decommit(superBlock);
                _decommittedBytes += superBlock.DecommittedBytes;
            }
        }
    }

    private long Decommit(BitmapSuperBlock superBlock)
    {
        Debug.Assert(superBlock.UseCount == 0, "Only a retired super block, which no lease can reach, is decommitted.");
        Decommitting?.Invoke(superBlock.Array, superBlock.Start, superBlock.Capacity);
        long bytes = PageDecommit.Decommit(superBlock.Array, superBlock.Start, superBlock.Capacity);
        if (bytes > 0)
        {
            Interlocked.Increment(ref _decommits);
        }

        return bytes;
    }
}
