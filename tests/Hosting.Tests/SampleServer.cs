using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebApi;

namespace BufferPool.Hosting.Tests;

/// <summary>samples/WebApi on a real Kestrel listener at 127.0.0.1:0, so the socket transport and its pool are in play.</summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private SampleServer(WebApplication app, Uri address)
    {
        App = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static WebApplication Build(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        WebApiApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            services?.Invoke(builder.Services);
        });

    /// <summary>Starts the sample; <paramref name="services"/> registers services ahead of the sample's own.</summary>
    public static async Task<SampleServer> StartAsync(string kind, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["BufferPool:Kind"] = kind };
        WebApplication app = Build(all, services);
        await app.StartAsync();
        return new SampleServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
