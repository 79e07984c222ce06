using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace BufferPool.Hosting;

/// <summary>
/// BufferPool's <see cref="IMemoryPoolFactory{T}"/>: Kestrel's socket transport resolves it from DI and calls
/// <see cref="Create"/> once per IO queue. Every view shares the container's one pool.
/// </summary>
internal sealed class BufferPoolMemoryPoolFactory(PooledMemory pooled) : IMemoryPoolFactory<byte>
{
    private readonly List<OwnedMemoryPoolView> _views = [];

    /// <summary>The views handed out so far, for per-owner figures.</summary>
    public IReadOnlyList<OwnedMemoryPoolView> Views
    {
        get
        {
            lock (_views)
            {
                return [.. _views];
            }
        }
    }

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var view = new OwnedMemoryPoolView(pooled.Pool, options?.Owner ?? "app");
        lock (_views)
        {
            _views.Add(view);
        }

        return view;
    }
}
