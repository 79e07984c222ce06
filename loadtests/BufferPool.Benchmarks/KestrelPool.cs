using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Benchmarks;

/// <summary>Kestrel's own pool, created the way Kestrel's transport creates it: through the host's default factory.</summary>
internal static class KestrelPool
{
    public static (MemoryPool<byte> Pool, IAsyncDisposable Host) Create()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore();
        WebApplication app = builder.Build();
        IMemoryPoolFactory<byte> factory = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        return (factory.Create(new MemoryPoolOptions { Owner = "benchmark" }), app);
    }
}
