using System.Buffers;
using BufferPool.SmallBlock;

namespace BufferPool;

/// <summary>
/// The owner object of one item slot. It is created the first time its slot is rented and reused for every
/// later rent of that slot, so steady-state renting allocates nothing.
/// </summary>
/// <remarks>
/// <c>_rented</c> is flipped with one <see cref="Interlocked.Exchange(ref int, int)"/> in <see cref="Dispose"/>:
/// that single atomic makes two racing disposes of the same lease return the slot once, which is what keeps
/// two later leases from ever sharing memory. It touches only this lease's own cache line, so it does not
/// contend. A stale reference disposed after the slot was rented again is indistinguishable from the current
/// owner; diagnostics mode, with one owner per rent, catches that case.
/// </remarks>
internal sealed class SmallBlockLease : ItemSlot, IMemoryOwner<byte>
{
    private readonly SmallBlockEngine _engine;
    private readonly Memory<byte> _memory;
    private int _rented;

    public SmallBlockLease(SmallBlockEngine engine, Block block, int index)
        : base(block, index)
    {
        _engine = engine;
        _memory = new Memory<byte>(Array, Offset, Length);
    }

    public Memory<byte> Memory
    {
        get
        {
            if (_rented == 0)
            {
                ThrowHelper.ThrowLeaseUsedAfterDispose();
            }

            return _memory;
        }
    }

    public void OnRent() => _rented = 1;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 0)
        {
            ThrowHelper.ThrowLeaseDisposedTwice();
        }

        // After the pool is disposed the engine's thread caches take nothing and the item goes nowhere that matters.
        _engine.Return(this);
    }
}
