using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace BufferPool.Hosting;

/// <summary>
/// BufferPool's <see cref="IMemoryPoolFactory{T}"/>: Kestrel's socket transport resolves it from DI and calls
/// <see cref="Create"/> once per IO queue. Every view shares the container's one pool.
/// </summary>
internal sealed class BufferPoolMemoryPoolFactory(PooledMemory pooled) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) =>
        new OwnedMemoryPoolView(pooled.Pool, options?.Owner ?? "app");
}
