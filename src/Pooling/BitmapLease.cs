using System.Buffers;
using BufferPool.Bitmap;

namespace BufferPool;

/// <summary>
/// The owner object of one block of one super block, created the first time the block is rented and reused
/// after, so steady-state renting allocates nothing. The double-dispose guard is the same single
/// <see cref="Interlocked.Exchange(ref int, int)"/> as <see cref="SmallBlockLease"/>'s.
/// </summary>
internal sealed class BitmapLease : BitmapSlot, IMemoryOwner<byte>
{
    private readonly BitmapEngine _engine;
    private readonly Memory<byte> _memory;
    private int _rented;

    public BitmapLease(BitmapEngine engine, BitmapSuperBlock superBlock, int index)
        : base(superBlock, index)
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

        _engine.Return(this);
    }
}
