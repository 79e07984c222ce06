namespace BufferPool;

/// <summary>
/// The rents one owner made through a <see cref="BufferMemoryPool"/>: its own <c>Rent</c> (owner <c>app</c>), or a view
/// made with <see cref="BufferMemoryPool.CreateView"/> (Kestrel's transport is <c>kestrel</c>). Counts are totals since
/// the pool was created, exact: the owners' counts add up to the pool's <see cref="BufferPoolStatistics.RentCount"/> and
/// <see cref="BufferPoolStatistics.RentedBytes"/>.
/// </summary>
public sealed record BufferPoolOwnerStatistics
{
    /// <summary>The owner of the pool's own <c>Rent</c>: the app's code, through the container's <c>MemoryPool&lt;byte&gt;</c>.</summary>
    public const string AppOwner = "app";

    /// <summary>The owner's name, the <c>bufferpool.owner</c> tag.</summary>
    public required string Owner { get; init; }

    /// <summary>Rents served, pooled or not.</summary>
    public long RentCount { get; init; }

    /// <summary>Bytes rented: each rent counts the length of the buffer it got.</summary>
    public long RentedBytes { get; init; }

    /// <summary>
    /// Rents of buffers longer than <see cref="BufferMemoryPool.DefaultBufferSize"/> (Kestrel's 4096-byte segment): for
    /// Kestrel, the large response writes that reach this pool.
    /// </summary>
    public long LargeRentCount { get; init; }
}
