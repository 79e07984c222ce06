using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting;

/// <summary>
/// BufferPool's <see cref="IMemoryPoolFactory{T}"/>: Kestrel's socket transport resolves it from DI and calls
/// <see cref="Create"/> once per IO queue. Every view shares the app's one memory pool and counts its rents for the
/// owner Kestrel names.
/// </summary>
/// <remarks>
/// Kestrel resolves the factory when the app is built, before options are validated on start; the pools are resolved
/// at the first <see cref="Create"/>, when the server starts, so that bad settings stop the app at start with every
/// problem listed, as any other options error does.
/// </remarks>
internal sealed class BufferPoolMemoryPoolFactory(IServiceProvider services) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) =>
        services.GetRequiredService<AppBufferPools>().CreateView(options?.Owner ?? "app");
}
