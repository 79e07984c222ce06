using System.IO.Pipelines;
using System.Net;
using BufferPool.Sockets;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBufferPool(builder.Configuration.GetSection("BufferPool"));
builder.Services.AddBufferPoolSockets(builder.Configuration.GetSection("BufferPool:Sockets"));
builder.Services.AddBufferPoolSocketServer<EchoServer>(o => o.Port = 7000);
builder.Build().Run();

// A hosted SocketServer of Pipelines.Sockets.Unofficial whose pipes rent from the app's pool (owner "sockets").
sealed class EchoServer(SocketPipeOptions pipes, IOptions<BufferPoolSocketServerOptions> options)
    : BufferPoolSocketServer(pipes, options.Value)
{
    protected override Task OnClientAsync(IDuplexPipe transport, EndPoint? remoteEndPoint, CancellationToken stopping) =>
        transport.Input.CopyToAsync(transport.Output, stopping);
}
