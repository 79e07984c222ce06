using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Benchmarks;

/// <summary>
/// The <see cref="MemoryPool{T}"/> Kestrel's socket transport rents from: what <see cref="IMemoryPoolFactory{T}.Create"/>
/// returns in a built host whose services called <c>AddSmallBlockPool()</c> or <c>AddBitmapPool()</c>, with the owner
/// Kestrel names. The host is built, not started, so no trimming timer runs during a measurement.
/// </summary>
internal static class FactoryPool
{
    public const string SmallBlock = "small-block";
    public const string Bitmap = "bitmap";

    public static (MemoryPool<byte> Pool, IAsyncDisposable Host) Create(string kind)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore();
        _ = kind switch
        {
            SmallBlock => builder.Services.AddSmallBlockPool(),
            Bitmap => builder.Services.AddBitmapPool(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        WebApplication app = builder.Build();
        IMemoryPoolFactory<byte> factory = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        return (factory.Create(new MemoryPoolOptions { Owner = "kestrel" }), app);
    }
}
