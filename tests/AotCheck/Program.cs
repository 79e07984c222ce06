// Reaches every public entry point of BufferPool.Hosting and BufferPool.Sockets that an app uses, so that a native AOT
// publish analyses them: .ci/aot-check fails on any trim or AOT warning, then runs the native binary, which starts the
// app, reads /_bufferpool and /healthz, and stops. Settings on the command line (--BufferPool:BlockSize=5000) override
// the built-in ones, to see validation fail in the native app.
using System.IO.Pipelines;
using System.Net;
using BufferPool.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["BufferPool:Kind"] = "small-block",
    ["BufferPool:BlockSize"] = "65536",
    ["BufferPool:LeaseMode"] = "PerRent",
    ["BufferPool:Trimming:Period"] = "00:00:05",
    ["BufferPool:Arrays:MaxArrayLength"] = "1048576",
    ["BufferPool:Sockets:MinimumSegmentSize"] = "4096",
});
builder.Configuration.AddCommandLine(args);
IConfigurationSection section = builder.Configuration.GetSection("BufferPool");
builder.Services.AddBufferPool(section);
builder.Services.AddBitmapPool(section);
builder.Services.AddSmallBlockPool(section);
builder.Services.AddBufferPoolSockets(section.GetSection("Sockets"));
builder.Services.AddBufferPoolSocketServer<EchoServer>(o => o.Port = 0);
builder.Services.AddHealthChecks().AddBufferPool();

WebApplication app = builder.Build();
app.MapBufferPoolStatistics();
app.MapHealthChecks("/healthz");
try
{
    await app.StartAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Console.WriteLine($"AotCheck: startup stopped: {ex.Message}");
    return 2;
}

string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using (var client = new HttpClient { BaseAddress = new Uri(address) })
{
    string statistics = await client.GetStringAsync("/_bufferpool");
    string health = await client.GetStringAsync("/healthz");
    if (!statistics.Contains("\"pools\":[{\"kind\":\"small-block\"", StringComparison.Ordinal) || health != "Healthy")
    {
        Console.WriteLine($"AotCheck: unexpected answers: {statistics} / {health}");
        return 1;
    }
}

await app.StopAsync();
Console.WriteLine("AotCheck: started, served /_bufferpool and /healthz, stopped.");
return 0;

/// <summary>Echoes what it reads.</summary>
internal sealed class EchoServer(SocketPipeOptions pipes, Microsoft.Extensions.Options.IOptions<BufferPoolSocketServerOptions> options)
    : BufferPoolSocketServer(pipes, options.Value)
{
    protected override async Task OnClientAsync(IDuplexPipe transport, EndPoint? remoteEndPoint, CancellationToken stopping)
    {
        await transport.Input.CopyToAsync(transport.Output, stopping);
    }
}
