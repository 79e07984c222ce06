using System.Runtime.CompilerServices;
using BufferPool.Primitives;

namespace BufferPool.SmallBlock;

internal sealed partial class SmallBlockEngine<TSlot>
{
    /// <summary>
    /// Rents a segment of at least <paramref name="size"/> bytes: the engine's own ArrayPool-shaped surface,
    /// whose return needs nothing but the segment itself.
    /// </summary>
    public ArraySegment<byte> RentSegment(int size)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxItemSize);
        ItemSlot slot = Rent(Classes.GetIndex(size))
            ?? throw new BufferPoolExhaustedException($"Renting {size} bytes would exceed MaxReservedBytes.");
        slot.Block.MarkRented(slot.Index);
        return new ArraySegment<byte>(slot.Array, slot.Offset, slot.Length);
    }

    /// <summary>
    /// Returns a segment by its address (the Stack Overflow answer's "Freeing an Item by address"): the range map finds the
    /// superblock, the offset gives the block and the item. A segment the engine did not hand out, or one
    /// already returned, is rejected and changes nothing.
    /// </summary>
    public void ReturnSegment(ArraySegment<byte> segment)
    {
        byte[] array = segment.Array ?? throw new ArgumentNullException(nameof(segment), "The segment has no array.");
        if (_disposed)
        {
            return;
        }

        SuperBlock superBlock = FindSuperBlock(Addresses.Of(array, segment.Offset)) is { } found && found.Array == array
            ? found
            : throw new ArgumentException("The segment was not rented from this pool.", nameof(segment));

        Block block = superBlock.Blocks[(segment.Offset - superBlock.Start) / BlockSize];
        int within = segment.Offset - block.Offset;
        int itemSize = block.ItemSize;
        if (block.SizeClass < 0 || segment.Count != itemSize || within % itemSize != 0 || within / itemSize >= block.ItemCount)
        {
            throw new ArgumentException("The segment does not match an item rented from this pool.", nameof(segment));
        }

        int index = within / itemSize;
        if (!block.TryClaimForReturn(index))
        {
            throw new InvalidOperationException("The segment was already returned to the pool.");
        }

        Return(Unsafe.As<TSlot>(block.Slots![index]!));
    }

    /// <summary>The superblock that contains <paramref name="address"/>, or null for a foreign address.</summary>
    public SuperBlock? FindSuperBlock(nint address) => _rangeMap.Find(address);
}
