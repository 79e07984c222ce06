using BufferPool.Primitives;

namespace BufferPool.SmallBlock;

/// <summary>
/// A bounded, lock-free store of idle arrays of one size class: the small-block engine's free list applied to
/// whole arrays. Slots hold the arrays; two <see cref="IndexStack"/>s over one link array track which slots
/// are full and which are empty, and each slot index is always on exactly one of them.
/// </summary>
/// <remarks>
/// A push stores the array in an empty slot before the CAS that makes the slot visible as full, and a pop
/// reads it after the CAS that took the slot, so the array reference is published by the CAS fences.
/// </remarks>
internal sealed class ArrayFreeList<T>
{
    private readonly T[]?[] _slots;
    private int[] _next;
    private long _full;
    private long _empty;

    public ArrayFreeList(int capacity)
    {
        _slots = new T[]?[capacity];
        _next = new int[capacity];
        _full = IndexStack.Empty(0);
        _empty = IndexStack.Fill(0, _next, capacity);
    }

    public bool TryPop(out T[] array)
    {
        if (!IndexStack.TryPop(ref _full, ref _next, out int slot))
        {
            array = null!;
            return false;
        }

        array = _slots[slot]!;
        _slots[slot] = null;
        IndexStack.Push(ref _empty, _next, slot);
        return true;
    }

    /// <summary>Stores <paramref name="array"/>; false when every slot is full (the retention cap).</summary>
    public bool TryPush(T[] array)
    {
        if (!IndexStack.TryPop(ref _empty, ref _next, out int slot))
        {
            return false;
        }

        _slots[slot] = array;
        IndexStack.Push(ref _full, _next, slot);
        return true;
    }

    /// <summary>Whether <paramref name="array"/> is stored now; a best-effort check against double returns.</summary>
    public bool Contains(T[] array)
    {
        foreach (T[]? stored in _slots)
        {
            if (ReferenceEquals(stored, array))
            {
                return true;
            }
        }

        return false;
    }
}
