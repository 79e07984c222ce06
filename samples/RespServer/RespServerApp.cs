using System.Buffers;
using BufferPool.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RespServer;

/// <summary>
/// The sample Redis-protocol server. Built here rather than in Program.cs so that tests start the very same host on a
/// real socket.
/// </summary>
public static class RespServerApp
{
    /// <summary>The largest value SET accepts, and so the largest bulk string a request may carry.</summary>
    public const int MaxValueBytes = 1024 * 1024;

    /// <summary>Builds the host; <paramref name="configure"/> lets a test set configuration or services first.</summary>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        // The content root is the app's own folder, not the current one: `dotnet run --project samples/RespServer` from
        // the repository root, or `dotnet RespServer.dll` from anywhere, still reads this sample's appsettings.json.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--port"] = "RespServer:Port" });
        configure?.Invoke(builder);

        // BufferPool:Kind picks the pool, as in samples/WebApi; "default" keeps MemoryPool<byte>.Shared, for comparison.
        IConfigurationSection section = builder.Configuration.GetSection("BufferPool");
        builder.Services.AddBufferPool(section, out string kind);

        // The parser waits for a whole command before consuming any of it, so the receive pipe must hold the largest
        // one (a 1 MiB value plus its header) without pausing the socket: 4 MiB, configurable under BufferPool:Sockets.
        // The same thresholds apply to every kind, "default" included, so that only the pool differs between runs.
        builder.Services.AddBufferPoolSockets(static o =>
        {
            o.PauseWriterThreshold = 4 * MaxValueBytes;
            o.ResumeWriterThreshold = 2 * MaxValueBytes;
        });
        builder.Services.AddOptions<BufferPoolSocketOptions>().Bind(section.GetSection("Sockets"));

        builder.Services.AddSingleton(sp => new RespStore(sp.GetService<MemoryPool<byte>>() ?? MemoryPool<byte>.Shared, kind));
        builder.Services.AddBufferPoolSocketServer<RespServer>();
        builder.Services.AddOptions<BufferPoolSocketServerOptions>().Configure(o => o.Port = 6380).Bind(builder.Configuration.GetSection("RespServer"));

        IHost host = builder.Build();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            RespServer server = host.Services.GetRequiredService<RespServer>();
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("RespServer").LogInformation(
                "RESP server listening on {EndPoint}; BufferPool:Kind={Kind}; pipes over {Pool}", server.EndPoint, kind, server.Pipes.Pool.GetType().Name);
        });
        return host;
    }
}
