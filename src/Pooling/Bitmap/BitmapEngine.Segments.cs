using BufferPool.Primitives;

namespace BufferPool.Bitmap;

internal sealed partial class BitmapEngine<TSlot>
{
    /// <summary>
    /// Rents one block as a segment: the engine's ArrayPool-shaped surface. It goes to the bitmaps directly, not
    /// through the thread cache, so a second return of the same segment always meets its set bit.
    /// </summary>
    public ArraySegment<byte> RentSegment()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!TryAllocate(out BitmapSuperBlock superBlock, out int index))
        {
            throw new BufferPoolExhaustedException("Renting a block would exceed MaxReservedBytes.");
        }

        _caches.Current.CountRent(0);
        return new ArraySegment<byte>(superBlock.Array, superBlock.BlockOffset(index), BlockSize);
    }

    /// <summary>
    /// Returns a segment by its address: a binary search over the super blocks sorted by address finds the owner
    /// in O(log n). A foreign segment is rejected; a second return throws and changes nothing.
    /// </summary>
    public void ReturnSegment(ArraySegment<byte> segment)
    {
        byte[] array = segment.Array ?? throw new ArgumentNullException(nameof(segment), "The segment has no array.");
        if (_disposed)
        {
            return;
        }

        BitmapSuperBlock superBlock = FindSuperBlock(Addresses.Of(array, segment.Offset)) is { } found && found.Array == array
            ? found
            : throw new ArgumentException("The segment was not rented from this pool.", nameof(segment));
        int within = segment.Offset - superBlock.Start;
        if (segment.Count != BlockSize || within % BlockSize != 0)
        {
            throw new ArgumentException("The segment does not match a block rented from this pool.", nameof(segment));
        }

        Free(superBlock, within / BlockSize);
        _caches.Current.CountReturn(0);
    }

    /// <summary>The super block holding <paramref name="address"/>, or null: O(log n) over the address-sorted array.</summary>
    public BitmapSuperBlock? FindSuperBlock(nint address)
    {
        BitmapSuperBlock[] sorted = Volatile.Read(ref _byAddress);
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            BitmapSuperBlock candidate = sorted[mid];
            if (address < candidate.Address)
            {
                hi = mid - 1;
            }
            else if (candidate.Contains(address))
            {
                return candidate;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return null;
    }
}
