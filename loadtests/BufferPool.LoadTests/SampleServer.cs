using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace BufferPool.LoadTests;

/// <summary>One run of samples/WebApi (built once in Release) with a given BufferPool:Kind, pinned to core 0.</summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private SampleServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public static async Task<string> BuildAsync(string repositoryRoot, string outputDirectory)
    {
        var info = new ProcessStartInfo("dotnet", ["build", Path.Combine(repositoryRoot, "samples", "WebApi", "WebApi.csproj"), "-c", "Release", "-o", outputDirectory, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process build = Process.Start(info)!;
        string log = await build.StandardOutput.ReadToEndAsync() + await build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        return build.ExitCode == 0 ? Path.Combine(outputDirectory, "WebApi.dll") : throw new InvalidOperationException("building samples/WebApi failed:\n" + log);
    }

    public static async Task<SampleServer> StartAsync(string sampleDll, string pool, TimeSpan trimPeriod)
    {
        int port = FreePort();
        ProcessStartInfo info = Tools.Pinned(0, "dotnet", [sampleDll, "--urls", $"http://127.0.0.1:{port}"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetDirectoryName(sampleDll)!;
        info.Environment["BufferPool__Kind"] = pool;
        info.Environment["BufferPool__Trimming__Period"] = trimPeriod.ToString("c", CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        Process process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new SampleServer(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                if (await server._http.GetStringAsync("/hello") == "Hello, World!")
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The server's resident set now (VmRSS), in bytes.</summary>
    public long WorkingSet() => ReadStatus("VmRSS:");

    /// <summary>GC collections and allocated bytes so far, from the sample's /_runtime endpoint.</summary>
    public async Task<(long Gen0, long Gen1, long Gen2, long Allocated)> RuntimeAsync()
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync("/_runtime"));
        JsonElement r = doc.RootElement;
        return (r.GetProperty("gen0").GetInt64(), r.GetProperty("gen1").GetInt64(), r.GetProperty("gen2").GetInt64(), r.GetProperty("allocatedBytes").GetInt64());
    }

    /// <summary>Bytes the pools hold now, from /_bufferpool (0 for Kestrel's own pool, which does not report).</summary>
    public async Task<long> PoolReservedAsync()
    {
        using JsonDocument doc = JsonDocument.Parse(await _http.GetStringAsync("/_bufferpool"));
        return doc.RootElement.GetProperty("totals").GetProperty("reservedBytes").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ServerProcess.StopAsync(_process);
        _process.Dispose();
    }

    private long ReadStatus(string field)
    {
        foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
