using System.Buffers;
using System.Runtime.CompilerServices;
using BufferPool.Primitives;

namespace BufferPool.Leases;

/// <summary>
/// The owner object of one rent in <see cref="LeaseMode.PerRent"/>: it holds the slot's reused lease until the
/// first <see cref="Dispose"/>, which gives up that one reference atomically. A second or stale call, in sequence or
/// racing, finds nothing to return and does nothing, as the <see cref="IDisposable"/> guidelines ask (and as
/// <c>MemoryPool&lt;byte&gt;.Shared</c>'s owners do); it never reaches the slot, which by then may belong to another
/// renter. <see cref="Memory"/> after <c>Dispose</c> throws <see cref="ObjectDisposedException"/>.
/// </summary>
/// <remarks>One reference field: 24 bytes on 64-bit, the only allocation of a rent in this mode.</remarks>
internal sealed class PerRentLease(IMemoryOwner<byte> inner) : IMemoryOwner<byte>
{
    private IMemoryOwner<byte>? _inner = inner;

    public Memory<byte> Memory
    {
        get
        {
            IMemoryOwner<byte>? inner = Volatile.Read(ref _inner);
            if (inner is null)
            {
                ThrowHelper.ThrowLeaseUsedAfterDispose();
            }

            return inner.Memory;
        }
    }

    // Fully optimized from the first call, like the pools' Rent and the leases' Dispose: see docs/algorithms.md, cold start.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispose() => Interlocked.Exchange(ref _inner, null)?.Dispose();
}
