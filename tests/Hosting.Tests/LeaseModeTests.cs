using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// The app's own <see cref="MemoryPool{T}"/> hands out one owner per rent, so a stale dispose is caught and harmless;
/// Kestrel's transport, a trusted caller, gets the reused, allocation-free leases; sampled misuse reaches the log.
/// </summary>
public sealed class LeaseModeTests
{
    [Fact]
    public async Task TheAppsPool_IgnoresAStaleDispose_WhileKestrelsViewsRentReusedLeases()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block");
        MemoryPool<byte> app = server.App.Services.GetRequiredService<MemoryPool<byte>>();
        using MemoryPool<byte> kestrel = server.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create(new MemoryPoolOptions { Owner = "kestrel" });

        // Rent, dispose, rent again (the same slot, as the cache is LIFO), then dispose through the stale reference.
        IMemoryOwner<byte> stale = app.Rent(4096);
        stale.Dispose();
        using IMemoryOwner<byte> live = app.Rent(4096);
        stale.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stale.Memory);

        // The stale dispose reached nothing: the next rents never share the live lease's memory.
        live.Memory.Span.Fill(0x5A);
        IMemoryOwner<byte>[] next = [.. Enumerable.Range(0, 16).Select(_ => app.Rent(4096))];
        foreach (IMemoryOwner<byte> lease in next)
        {
            Assert.False(lease.Memory.Span.Overlaps(live.Memory.Span));
            lease.Memory.Span.Fill(0xA5);
        }

        Assert.True(live.Memory.Span.IndexOfAnyExcept((byte)0x5A) < 0);
        Array.ForEach(next, l => l.Dispose());

        // Kestrel's view: the slot's own lease object, the same one again after a dispose, no allocation.
        IMemoryOwner<byte> first = kestrel.Rent(4096);
        first.Dispose();
        IMemoryOwner<byte> second = kestrel.Rent(4096);
        Assert.Equal("SmallBlockLease", second.GetType().Name);
        Assert.Same(first, second);
        second.Dispose();

        // Kestrel disposes each segment once; a second Dispose in sequence is ignored all the same and reaches nothing.
        second.Dispose();
        IMemoryOwner<byte>[] after = [.. Enumerable.Range(0, 16).Select(_ => kestrel.Rent(4096))];
        for (int i = 0; i < after.Length; i++)
        {
            for (int j = i + 1; j < after.Length; j++)
            {
                Assert.False(after[i].Memory.Span.Overlaps(after[j].Memory.Span));
            }
        }

        Array.ForEach(after, l => l.Dispose());
    }

    [Fact]
    public async Task SampledMisuse_IsLogged_WithWhereTheLeaseWasRented_AndASecondDisposeIsIgnored()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFakeLogging();
        builder.Services.AddSmallBlockPool(o => o.TrackingSampleRate = 1);
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        MemoryPool<byte> pool = app.Services.GetRequiredService<MemoryPool<byte>>();
        IMemoryOwner<byte> lease = RentHere(pool);
        lease.Dispose();
        lease.Dispose();

        FakeLogRecord record = Assert.Single(app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), r => r.Category == "BufferPool");
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains(nameof(RentHere), record.Message);
        await app.StopAsync();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentHere(MemoryPool<byte> pool) => pool.Rent(100);
}
