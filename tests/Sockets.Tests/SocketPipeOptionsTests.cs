using System.Buffers;
using System.IO.Pipelines;
using BufferPool.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BufferPool.Sockets.Tests;

/// <summary>src/Sockets: the pipes' options over the app's pool, their validation, and client connections.</summary>
public sealed class SocketPipeOptionsTests
{
    [Fact]
    public void AddSmallBlockPool_then_AddBufferPoolSockets_builds_both_pipes_over_the_apps_pool()
    {
        var services = new ServiceCollection();
        services.AddSmallBlockPool().AddBufferPoolSockets();
        using ServiceProvider provider = services.BuildServiceProvider();
        SocketPipeOptions pipes = provider.GetRequiredService<SocketPipeOptions>();
        var app = (IBufferPool)provider.GetRequiredService<MemoryPool<byte>>();

        foreach (PipeOptions options in new[] { pipes.Send, pipes.Receive })
        {
            Assert.Same(pipes.Pool, options.Pool);
            Assert.Equal(4096, options.MinimumSegmentSize);
            Assert.Equal(1024 * 1024, options.PauseWriterThreshold);
            Assert.Equal(512 * 1024, options.ResumeWriterThreshold);
        }

        // The pipes rent through the app's pool, under the "sockets" owner, with its reused leases.
        Assert.Equal("SmallBlockPoolView", pipes.Pool.GetType().Name);
        var memory = (BufferMemoryPool)app;
        long before = app.GetStatistics().InUseBytes;
        IMemoryOwner<byte> lease = pipes.Receive.Pool.Rent(4096);
        Assert.Equal(before + 4096, app.GetStatistics().InUseBytes);
        Assert.Equal(1, Assert.Single(memory.GetOwnerStatistics(), o => o.Owner == "sockets").RentCount);
        lease.Dispose();
        Assert.Equal(before, app.GetStatistics().InUseBytes);

        // A reused lease: the same object again, from this thread's cache.
        IMemoryOwner<byte> again = pipes.Receive.Pool.Rent(4096);
        Assert.Same(lease, again);
        again.Dispose();
        Assert.Equal(2, Assert.Single(memory.GetOwnerStatistics(), o => o.Owner == "sockets").RentCount);
    }

    [Fact]
    public void The_bitmap_pool_caps_the_segment_size_at_its_block()
    {
        var services = new ServiceCollection();
        services.AddBitmapPool().AddBufferPoolSockets(o => o.MinimumSegmentSize = 16384);
        using ServiceProvider provider = services.BuildServiceProvider();
        SocketPipeOptions pipes = provider.GetRequiredService<SocketPipeOptions>();
        Assert.Equal(provider.GetRequiredService<MemoryPool<byte>>().MaxBufferSize, pipes.Send.MinimumSegmentSize);
        Assert.Equal(4096, pipes.Receive.MinimumSegmentSize);
    }

    [Fact]
    public void Without_a_BufferPool_pool_the_pipes_use_the_shared_pool()
    {
        using ServiceProvider provider = new ServiceCollection().AddBufferPoolSockets().BuildServiceProvider();
        Assert.Same(MemoryPool<byte>.Shared, provider.GetRequiredService<SocketPipeOptions>().Pool);
    }

    [Theory]
    [InlineData(100, 0, 0, "MinimumSegmentSize")]
    [InlineData(0, 1000, 1, "PauseWriterThreshold")]
    [InlineData(0, 65536, 65537, "ResumeWriterThreshold")]
    [InlineData(0, 65536, 0, "ResumeWriterThreshold")]
    public void Bad_options_throw_ArgumentOutOfRangeException_naming_the_setting(int segment, long pause, long resume, string setting)
    {
        var options = new BufferPoolSocketOptions { MinimumSegmentSize = segment };
        if (pause != 0)
        {
            options.PauseWriterThreshold = pause;
            options.ResumeWriterThreshold = resume;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SocketPipeOptions.Create(MemoryPool<byte>.Shared, options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_at_start_naming_it()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmallBlockPool().AddBufferPoolSockets(o => o.ResumeWriterThreshold = 2 * 1024 * 1024);
        using IHost host = builder.Build();
        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("BufferPoolSocketOptions.ResumeWriterThreshold: ResumeWriterThreshold must be between 1 and PauseWriterThreshold (1048576); it was 2097152.", ex.Failures);
    }

    [Fact]
    public async Task A_bad_listen_port_stops_the_host_at_start_naming_it()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSmallBlockPool().AddBufferPoolSocketServer<RespServer.RespServer>(o => o.Port = 70000);
        builder.Services.AddSingleton(sp => new RespServer.RespStore(sp.GetRequiredService<MemoryPool<byte>>(), "small-block"));
        using IHost host = builder.Build();
        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Port: Port must be between 0 and 65535; it was 70000.", ex.Message);
    }

    [Fact]
    public async Task A_client_connection_over_the_pooled_pipes_talks_to_the_server_and_returns_its_segments()
    {
        await using RespServerHost server = await RespServerHost.StartAsync();
        SocketPipeOptions pipes = server.Server.Pipes;
        using (var connection = await pipes.ConnectAsync(server.EndPoint))
        {
            await connection.Output.WriteAsync(RespClient.Encode(RespClient.B("ECHO"), new byte[10_000]));
            byte[] header = "$10000\r\n"u8.ToArray();
            int expected = header.Length + 10_000 + 2;
            while (true)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                ReadResult read = await connection.Input.ReadAsync(timeout.Token);
                if (read.Buffer.Length >= expected)
                {
                    byte[] reply = read.Buffer.Slice(0, expected).ToArray();
                    Assert.Equal(header, reply[..header.Length]);
                    Assert.All(reply[header.Length..^2], b => Assert.Equal(0, b));
                    Assert.Equal("\r\n"u8.ToArray(), reply[^2..]);
                    connection.Input.AdvanceTo(read.Buffer.GetPosition(expected));
                    break;
                }

                Assert.False(read.IsCompleted, "the server closed the connection early");
                connection.Input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }

            // Both ends' pipes rent from the same app pool here: segments are out while the connection lives.
            Assert.True(server.Pool.GetStatistics().InUseBytes > server.Store.StoredBytes);
            connection.Input.Complete();
            connection.Output.Complete();
        }

        var (inUse, stored) = await server.SettleAsync();
        Assert.Equal(stored, inUse);
    }
}
