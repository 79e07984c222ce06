using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace BufferPool.Hosting;

/// <summary>
/// BufferPool's <see cref="IMemoryPoolFactory{T}"/>: Kestrel's socket transport resolves it from DI and calls
/// <see cref="Create"/> once per IO queue. Every view shares the app's one memory pool and counts its rents for the
/// owner Kestrel names.
/// </summary>
internal sealed class BufferPoolMemoryPoolFactory(AppBufferPools pools) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => pools.CreateView(options?.Owner ?? "app");
}
