using System.Buffers;
using BufferPool.Diagnostics;

namespace BufferPool.Hosting;

/// <summary>
/// What <see cref="BufferPoolMemoryPoolFactory.Create"/> hands out: a light <see cref="MemoryPool{T}"/> tagged with
/// its owner (Kestrel creates one per IO queue) over the app's one memory pool, counting its own rents. Kestrel is a
/// trusted caller that disposes each lease once, so its views hand out the slots' reused leases, which allocate
/// nothing, whatever lease mode the app's own <see cref="MemoryPool{T}"/> uses. Disposing it
/// ends only this view: renting from it throws afterwards, while leases already out still return to the shared pool.
/// </summary>
/// <remarks>
/// The counts take no interlocked instruction: any thread that writes to a connection's pipe rents through its view,
/// so each thread counts in a slot of its own (<see cref="RentTally"/>) and a reading sums them.
/// </remarks>
internal sealed class OwnedMemoryPoolView(BufferMemoryPool shared, string owner) : MemoryPool<byte>
{
    private readonly RentTally _all = new();
    private readonly RentTally _large = new();
    private volatile bool _disposed;

    /// <summary>The <c>MemoryPoolOptions.Owner</c> Kestrel passed, the <c>bufferpool.owner</c> tag.</summary>
    public string Owner { get; } = owner;

    public override int MaxBufferSize => shared.MaxBufferSize;

    public long RentCount => _all.Read().Rents;

    public long RentedBytes => _all.Read().Bytes;

    /// <summary>
    /// Rents of more than Kestrel's 4096-byte segment: large response writes that reach this pool (a pipe sends hints
    /// above <see cref="MaxBufferSize"/> to <c>ArrayPool&lt;byte&gt;.Shared</c> instead).
    /// </summary>
    public long LargeRents => _large.Read().Rents;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IMemoryOwner<byte> lease = shared.RentReused(minBufferSize);
        int length = lease.Memory.Length;
        _all.Count(length);
        if (length > 4096)
        {
            _large.Count(length);
        }

        return lease;
    }

    /// <summary>Lets go of the per-thread counting slots, when the app's pools are disposed.</summary>
    public void ReleaseCounts()
    {
        _all.Dispose();
        _large.Dispose();
    }

    /// <summary>Ends the view; its counts stay readable, the app's pools still report them.</summary>
    protected override void Dispose(bool disposing) => _disposed = true;
}
