using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BufferPool.Hosting.Tests;

public sealed class PoolWiringTests
{
    [Theory]
    [InlineData("small-block", "SmallBlockMemoryPool", "SmallBlockArrayPool`1", "SmallBlockPoolView")]
    [InlineData("bitmap", "BitmapMemoryPool", "FreeListArrayPool`1", "BitmapPoolView")]
    public async Task KestrelPipelinesAndMvc_UseBufferPool(string kind, string memoryPool, string arrayPool, string view)
    {
        await using SampleServer server = await SampleServer.StartAsync(kind);
        var pools = await server.Client.GetFromJsonAsync<Dictionary<string, string>>("/pools");

        Assert.Equal(view, pools!["transport"]);
        Assert.Equal("BufferPoolMemoryPoolFactory", pools["memoryPoolFactory"]);
        Assert.Equal(memoryPool, pools["memoryPool"]);
        Assert.Equal(memoryPool, pools["pipeOptionsPool"]);
        Assert.Equal(arrayPool, pools["arrayPoolOfByte"]);
        Assert.Equal(arrayPool, pools["arrayPoolOfChar"]);
    }

    [Fact]
    public async Task DefaultKind_KeepsKestrelsOwnPool()
    {
        await using SampleServer server = await SampleServer.StartAsync("default");
        var pools = await server.Client.GetFromJsonAsync<Dictionary<string, string>>("/pools");
        Assert.Equal("PinnedBlockMemoryPool", pools!["transport"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryRegistration_ResolvesToBufferPool_WhateverMvcsOrder(bool mvcFirst)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        if (mvcFirst)
        {
            builder.Services.AddControllers();
        }

        builder.Services.AddSmallBlockPool();
        if (!mvcFirst)
        {
            builder.Services.AddControllers();
        }

        using WebApplication app = builder.Build();
        var pool = app.Services.GetRequiredService<MemoryPool<byte>>();
        Assert.IsType<SmallBlockMemoryPool>(pool);
        Assert.IsType<BufferPoolMemoryPoolFactory>(app.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        Assert.Same(pool, app.Services.GetRequiredService<PipeOptions>().Pool);
        Assert.IsType<SmallBlockArrayPool<byte>>(app.Services.GetRequiredService<ArrayPool<byte>>());
        Assert.IsType<SmallBlockArrayPool<char>>(app.Services.GetRequiredService<ArrayPool<char>>());

        // The factory's pool is a view of the app's pool whose rents count for the owner Kestrel names.
        MemoryPool<byte> view = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create(new MemoryPoolOptions { Owner = "kestrel" });
        Assert.Equal("SmallBlockPoolView", view.GetType().Name);
        view.Rent(4096).Dispose();
        BufferPoolOwnerStatistics kestrel = Assert.Single(((SmallBlockMemoryPool)pool).GetOwnerStatistics(), o => o.Owner == "kestrel");
        Assert.Equal(1, kestrel.RentCount);
        Assert.Equal(4096, kestrel.RentedBytes);
    }

    [Fact]
    public async Task GenericHost_CallAfterTheWebHost_TakesEffect()
    {
        using IHost host = Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web.UseUrls("http://127.0.0.1:0").Configure(app => app.Run(ctx => ctx.Response.WriteAsync("ok"))))
            .ConfigureServices(services => services.AddBitmapPool())
            .Build();
        await host.StartAsync();
        Assert.IsType<BufferPoolMemoryPoolFactory>(host.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("small-block", "AddSmallBlockPool")]
    [InlineData("bitmap", "AddBitmapPool")]
    public async Task GenericHost_CallBeforeKestrelRegisters_FailsStartup_NamingTheMethod(string kind, string method)
    {
        using IHost host = Host.CreateDefaultBuilder()
            .ConfigureServices(services => _ = kind == "bitmap" ? services.AddBitmapPool() : services.AddSmallBlockPool())
            .ConfigureWebHostDefaults(web => web.UseUrls("http://127.0.0.1:0").Configure(app => app.Run(ctx => ctx.Response.WriteAsync("ok"))))
            .Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains(method, ex.Message);
        Assert.Contains("Kestrel", ex.Message);
    }

    [Theory]
    [InlineData("small-block", "BufferPool:BlockSize", "5000", "BlockSize")]
    [InlineData("small-block", "BufferPool:SuperBlockSize", "12345", "SuperBlockSize")]
    [InlineData("bitmap", "BufferPool:MaxWastagePercent", "150", "MaxWastagePercent")]
    [InlineData("bitmap", "BufferPool:MaxFreeListEntries", "0", "MaxFreeListEntries")]
    [InlineData("small-block", "BufferPool:Trimming:Period", "00:00:00.010", "Trimming:Period")]
    [InlineData("bitmap", "BufferPool:PurgeDelay", "-00:00:01", "PurgeDelay")]
    public async Task BadConfiguration_StopsStartup_NamingTheSetting(string kind, string key, string value, string setting)
    {
        // MVC resolves the array pools while the app is built, so a bad value can stop it there, before it starts.
        var ex = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using WebApplication app = SampleServer.Build(new Dictionary<string, string?> { ["BufferPool:Kind"] = kind, [key] = value });
            await app.StartAsync();
        });
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public async Task TrimmingService_ReleasesIdleSuperBlocks_WithinAFewPeriods()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block", new Dictionary<string, string?>
        {
            ["BufferPool:RetainedSuperBlocks"] = "0",
            ["BufferPool:Trimming:Period"] = "00:00:00.100",
        });
        var pooled = server.App.Services.GetRequiredService<AppBufferPools>().Memory;

        // A burst on a thread that then ends, as a request thread's work would.
        var burst = new Thread(() =>
        {
            var owners = Enumerable.Range(0, 2000).Select(_ => pooled.Rent(4096)).ToList();
            owners.ForEach(o => o.Dispose());
        });
        burst.Start();
        burst.Join();
        long peak = pooled.GetStatistics().ReservedBytes;
        Assert.True(peak >= 2000 * 4096, $"peak {peak}");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (pooled.GetStatistics().ReservedBytes > peak / 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        BufferPoolStatistics after = pooled.GetStatistics();
        Assert.True(after.ReservedBytes <= peak / 10, $"reserved {after.ReservedBytes} of a {peak} peak after trimming");
        Assert.True(after.SuperBlocksReleased > 0);
    }
}
