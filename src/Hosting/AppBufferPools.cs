using System.Buffers;

namespace BufferPool.Hosting;

/// <summary>
/// The pools one app's container owns: the memory pool behind Kestrel, <see cref="MemoryPool{T}"/> and
/// <see cref="System.IO.Pipelines.PipeOptions"/>, and MVC's <see cref="ArrayPool{T}"/> of <see cref="byte"/> and
/// <see cref="char"/>. The trimming service, the health check, the statistics endpoint and the Meter work over these
/// and nothing else, so two apps in one process never see each other's pools.
/// </summary>
internal sealed class AppBufferPools(BufferMemoryPool memory, BufferArrayPool<byte> bytes, BufferArrayPool<char> chars) : IDisposable
{
    public BufferMemoryPool Memory { get; } = memory;

    public BufferArrayPool<byte> Bytes { get; } = bytes;

    public BufferArrayPool<char> Chars { get; } = chars;

    /// <summary>Every pool the app owns.</summary>
    public IReadOnlyList<IBufferPool> All => [Memory, Bytes, Chars];

    /// <summary>
    /// Who rents from the memory pool: <c>app</c> (the container's <see cref="MemoryPool{T}"/> and
    /// <see cref="System.IO.Pipelines.PipeOptions"/>) and the owner of each view (<c>kestrel</c>, <c>sockets</c>, ...).
    /// </summary>
    public string MemoryOwners() => string.Join(", ", Memory.GetOwnerStatistics().Select(o => o.Owner));

    /// <summary>
    /// A view over the memory pool whose rents count for <paramref name="owner"/>, for a caller that disposes each lease
    /// once (Kestrel's transport, one per IO queue; the sockets' pipes): see <see cref="BufferMemoryPool.CreateView"/>.
    /// </summary>
    public MemoryPool<byte> CreateView(string owner) => Memory.CreateView(owner);

    /// <summary>Trims every pool; returns the bytes released.</summary>
    public long Trim() => All.Sum(p => p.Trim());

    /// <summary>Disposes every pool; the memory pool's views end with it.</summary>
    public void Dispose()
    {
        foreach (IBufferPool pool in All)
        {
            pool.Dispose();
        }
    }
}
