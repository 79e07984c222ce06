using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace BufferPool.LoadTests;

/// <summary>
/// One run of samples/WebApi (built once in Release) with a given BufferPool:Kind, pinned to the server core, kept up
/// for the whole run. It listens twice on 127.0.0.1: HTTP/1.1 and cleartext HTTP/2 (Kestrel:Endpoints with
/// Protocols=Http2), both from Kestrel's own configuration.
/// </summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly ServerChild _process;
    private readonly HttpClient _http;

    private SampleServer(string pool, ServerChild process, Uri address, Uri h2Address)
    {
        Pool = pool;
        _process = process;
        Address = address;
        H2Address = h2Address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Pool { get; }

    public Uri Address { get; }

    public Uri H2Address { get; }

    public int Pid => _process.Pid;

    public static async Task<string> BuildAsync(string repositoryRoot, string outputDirectory, CancellationToken token)
    {
        BufferedCommandResult build = await Cli.Wrap("dotnet")
            .WithArguments(["build", Path.Combine(repositoryRoot, "samples", "WebApi", "WebApi.csproj"), "-c", "Release", "-o", outputDirectory, "--nologo", "-v", "q"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(token);
        return build.ExitCode == 0
            ? Path.Combine(outputDirectory, "WebApi.dll")
            : throw new InvalidOperationException("building samples/WebApi failed:\n" + build.StandardOutput + build.StandardError);
    }

    /// <summary>Starts the server and waits for /hello; if it exits or does not answer in 30 s, fails with its output.</summary>
    public static async Task<SampleServer> StartAsync(string sampleDll, string pool, TimeSpan trimPeriod, CancellationToken token)
    {
        int port = FreePort(), h2Port = FreePort();
        var process = new ServerChild(Pinned.Command(Pinned.ServerCore, "dotnet", [sampleDll])
            .WithWorkingDirectory(Path.GetDirectoryName(sampleDll)!)
            .WithEnvironmentVariables(env => env
                .Set("BufferPool__Kind", pool)
                .Set("BufferPool__Trimming__Period", trimPeriod.ToString("c", CultureInfo.InvariantCulture))
                .Set("Logging__LogLevel__Default", "Warning")
                .Set("Kestrel__Endpoints__Http__Url", $"http://127.0.0.1:{port}")
                .Set("Kestrel__Endpoints__H2c__Url", $"http://127.0.0.1:{h2Port}")
                .Set("Kestrel__Endpoints__H2c__Protocols", "Http2")));
        var server = new SampleServer(pool, process, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{h2Port}/"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            token.ThrowIfCancellationRequested();
            try
            {
                if (await server._http.GetStringAsync("/hello", token) == "Hello, World!")
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200, token);
            }
            catch (HttpRequestException ex)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException(
                    $"samples/WebApi (BufferPool:Kind={pool}) did not start: {ex.Message}\n--- its output ---\n{server.Output}", ex);
            }
        }
    }

    /// <summary>What the server wrote to stdout and stderr so far.</summary>
    public string Output => _process.Output;

    public double CpuSeconds() => ProcStat.CpuSeconds(Pid);

    public long WorkingSet() => ProcStat.ResidentBytes(Pid);

    /// <summary>
    /// GC counts, allocated bytes and JIT-compiled methods, from the sample's /_runtime endpoint: the same runtime APIs
    /// (GC.CollectionCount, GC.GetTotalAllocatedBytes, JitInfo.GetCompiledMethodCount) that the System.Runtime meter's
    /// instruments read, exact at the moment of the request.
    /// </summary>
    public async Task<RuntimeSnapshot> RuntimeAsync(CancellationToken token)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync("/_runtime", token));
        JsonElement r = doc.RootElement;
        return new RuntimeSnapshot(r.GetProperty("gen0").GetInt64(), r.GetProperty("gen1").GetInt64(), r.GetProperty("gen2").GetInt64(),
            r.GetProperty("allocatedBytes").GetInt64(), r.GetProperty("jitCompiledMethods").GetInt64());
    }

    /// <summary>Bytes the pools hold now, from /_bufferpool (0 for Kestrel's own pool, which does not report).</summary>
    public async Task<long> PoolReservedAsync(CancellationToken token) => (await PoolFiguresAsync(token))?.Reserved ?? 0;

    /// <summary>
    /// Bytes the pools reserve and keep resident now, from /_bufferpool's totals; null for Kestrel's own pool
    /// (<see cref="SummaryRow.Baseline"/>), which reports neither.
    /// </summary>
    public async Task<(long Reserved, long Committed)?> PoolFiguresAsync(CancellationToken token)
    {
        if (Pool == SummaryRow.Baseline)
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync("/_bufferpool", token));
        JsonElement totals = doc.RootElement.GetProperty("totals");
        return (totals.GetProperty("reservedBytes").GetInt64(), totals.GetProperty("committedBytes").GetInt64());
    }

    /// <summary>The GC's committed bytes at its last collection, from the sample's /_runtime.</summary>
    public async Task<long> GcCommittedAsync(CancellationToken token)
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync("/_runtime", token));
        return doc.RootElement.GetProperty("gcCommittedBytes").GetInt64();
    }

    /// <summary>Stops the server (SIGINT, then a kill after 10 s), so the host stops and Kestrel drains.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
