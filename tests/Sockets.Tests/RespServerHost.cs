using System.Buffers;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RespServer;

namespace BufferPool.Sockets.Tests;

/// <summary>samples/RespServer on a real socket at 127.0.0.1, on a free port.</summary>
internal sealed class RespServerHost : IAsyncDisposable
{
    private RespServerHost(IHost host)
    {
        Host = host;
        Server = host.Services.GetRequiredService<RespServer.RespServer>();
    }

    public IHost Host { get; }

    public RespServer.RespServer Server { get; }

    public RespStore Store => Server.Store;

    public EndPoint EndPoint => Server.EndPoint!;

    /// <summary>The app's memory pool, which holds both the stored values and the connections' pipe segments.</summary>
    public IBufferPool Pool => (IBufferPool)Host.Services.GetRequiredService<MemoryPool<byte>>();

    public static async Task<RespServerHost> StartAsync(string kind = "small-block")
    {
        IHost host = RespServerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BufferPool:Kind"] = kind,
                ["RespServer:Port"] = "0",
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new RespServerHost(host);
    }

    /// <summary>
    /// Waits until the pool's in-use bytes are exactly what the stored values hold: the connections that ended have
    /// returned every pipe segment. Returns the last reading either way, for the assertion.
    /// </summary>
    public async Task<(long InUse, long Stored)> SettleAsync(int liveConnections = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            long inUse = Pool.GetStatistics().InUseBytes, stored = Store.StoredBytes;
            if ((inUse == stored && Server.ConnectionCount == liveConnections) || DateTime.UtcNow > deadline)
            {
                return (inUse, stored);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
