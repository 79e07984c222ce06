using System.Buffers;

namespace BufferPool.Hosting;

/// <summary>
/// What <see cref="BufferPoolMemoryPoolFactory.Create"/> hands out: a light <see cref="MemoryPool{T}"/> tagged with
/// its owner (Kestrel creates one per IO queue) over the one shared pool. Disposing it ends only this view: renting
/// from it throws afterwards, while leases already out still return to the shared pool.
/// </summary>
internal sealed class OwnedMemoryPoolView(MemoryPool<byte> shared, string owner) : MemoryPool<byte>
{
    private volatile bool _disposed;
    private long _largeRents;

    /// <summary>The <c>MemoryPoolOptions.Owner</c> Kestrel passed, the <c>bufferpool.owner</c> tag.</summary>
    public string Owner { get; } = owner;

    public override int MaxBufferSize => shared.MaxBufferSize;

    /// <summary>
    /// Rents of more than Kestrel's 4096-byte segment: large response writes that reach this pool (a pipe sends hints
    /// above <see cref="MaxBufferSize"/> to <c>ArrayPool&lt;byte&gt;.Shared</c> instead).
    /// </summary>
    public long LargeRents => Interlocked.Read(ref _largeRents);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (minBufferSize > 4096)
        {
            // Only large rents pay for the count; the transport's usual 4 KiB rents do not.
            Interlocked.Increment(ref _largeRents);
        }

        return shared.Rent(minBufferSize);
    }

    protected override void Dispose(bool disposing) => _disposed = true;
}
