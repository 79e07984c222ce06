using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BufferPool.LoadTests.Tests;

/// <summary>
/// A tiny Kestrel app on 127.0.0.1 (a free port) serving GET /bytes/{n} like samples/WebApi (byte i is i % 251),
/// except where the test says otherwise: the body handed to <paramref name="respond"/> with the response's number
/// (0 for the first) can be changed, shortened or lengthened, and its Content-Length follows it unless the test sets
/// one of its own.
/// </summary>
internal sealed class BytesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _responses = -1;

    private BytesServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Intact responses; with a <paramref name="pause"/>, each sends half its body, waits, then the rest.</summary>
    public static BytesServer Intact(TimeSpan pause = default) => Start((_, _, body) => Task.FromResult(body), pause);

    /// <summary>
    /// <paramref name="respond"/> gets the context, the response's number and the intact body, and returns the body to
    /// send; Content-Length is its length unless <paramref name="respond"/> set one. With a <paramref name="pause"/>,
    /// the first half of the body goes out, then the pause, then the rest.
    /// </summary>
    public static BytesServer Start(Func<HttpContext, int, byte[], Task<byte[]>> respond, TimeSpan pause = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        BytesServer? server = null;
        app.MapGet("/bytes/{n:int}", async (HttpContext context, int n) =>
        {
            byte[] intact = new byte[n];
            for (int i = 0; i < n; i++)
            {
                intact[i] = (byte)(i % 251);
            }

            byte[] body = await respond(context, Interlocked.Increment(ref server!._responses), intact);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength ??= body.Length;
            if (pause > TimeSpan.Zero)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(pause, context.RequestAborted);
                body = body[(body.Length / 2)..];
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        app.StartAsync().GetAwaiter().GetResult();
        string address = app.Urls.Single();
        server = new BytesServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
