using System.Buffers;

namespace BufferPool.Hosting;

/// <summary>
/// What <see cref="BufferPoolMemoryPoolFactory.Create"/> hands out: a light <see cref="MemoryPool{T}"/> tagged with
/// its owner (Kestrel creates one per IO queue) over the app's one memory pool, counting its own rents. Kestrel is a
/// trusted caller that disposes each lease once, so its views hand out the slots' reused leases, which allocate
/// nothing, whatever lease mode the app's own <see cref="MemoryPool{T}"/> uses. Disposing it
/// ends only this view: renting from it throws afterwards, while leases already out still return to the shared pool.
/// </summary>
/// <remarks>
/// The counts are one <see cref="Interlocked"/> add each per rent, on a field that only this view's IO queue touches:
/// the price of a per-owner <c>bufferpool.rented</c>; the shared pool's own path stays without one.
/// </remarks>
internal sealed class OwnedMemoryPoolView(BufferMemoryPool shared, string owner) : MemoryPool<byte>
{
    private volatile bool _disposed;
    private long _rents;
    private long _rentedBytes;
    private long _largeRents;

    /// <summary>The <c>MemoryPoolOptions.Owner</c> Kestrel passed, the <c>bufferpool.owner</c> tag.</summary>
    public string Owner { get; } = owner;

    public override int MaxBufferSize => shared.MaxBufferSize;

    public long RentCount => Interlocked.Read(ref _rents);

    public long RentedBytes => Interlocked.Read(ref _rentedBytes);

    /// <summary>
    /// Rents of more than Kestrel's 4096-byte segment: large response writes that reach this pool (a pipe sends hints
    /// above <see cref="MaxBufferSize"/> to <c>ArrayPool&lt;byte&gt;.Shared</c> instead).
    /// </summary>
    public long LargeRents => Interlocked.Read(ref _largeRents);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IMemoryOwner<byte> lease = shared.RentReused(minBufferSize);
        int length = lease.Memory.Length;
        Interlocked.Increment(ref _rents);
        Interlocked.Add(ref _rentedBytes, length);
        if (length > 4096)
        {
            Interlocked.Increment(ref _largeRents);
        }

        return lease;
    }

    protected override void Dispose(bool disposing) => _disposed = true;
}
