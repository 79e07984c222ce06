using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace BufferPool.Hosting.Tests;

/// <summary>
/// What <c>dotnet-counters monitor --counters BufferPool</c> does, from outside the process: start the sample, open an
/// EventPipe session on the BufferPool provider, and read the counters it publishes.
/// </summary>
public sealed partial class EventPipeCountersTests
{
    private static readonly string[] CounterNames =
    [
        "superblock-count", "superblock-reserved-bytes", "superblock-growth", "superblock-releases",
        "free-list-threshold-hits", "in-use-bytes", "rent-rate", "fallback-rate",
    ];

    [Fact]
    public async Task AnEventPipeSession_SeesEveryBufferPoolCounter_FromOutsideTheProcess()
    {
        using Process sample = StartSample(out Uri address);
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            var client = new DiagnosticsClient(sample.Id);
            var provider = new EventPipeProvider("BufferPool", EventLevel.Informational, -1, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
            using EventPipeSession session = client.StartEventPipeSession([provider], requestRundown: false);

            var values = new ConcurrentDictionary<string, double>();
            var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer && outer["Payload"] is IDictionary<string, object> payload)
                {
                    string name = (string)payload["Name"];
                    double value = payload.TryGetValue("Increment", out object? increment) ? Convert.ToDouble(increment) : Convert.ToDouble(payload["Mean"]);
                    values.AddOrUpdate(name, value, (_, seen) => Math.Max(seen, value));
                }
            };
            Task processing = Task.Run(source.Process);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(CounterNames.All(values.ContainsKey) && values.GetValueOrDefault("rent-rate") > 0 && values.GetValueOrDefault("superblock-count") > 0))
            {
                Assert.True(DateTime.UtcNow < deadline, $"counters seen: {string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))}");
                await http.PostAsync("/echo", new ByteArrayContent(new byte[100_000]));
                await Task.Delay(200);
            }

            session.Stop();
            await processing.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(values["superblock-reserved-bytes"] >= 1 << 20);
        }
        finally
        {
            sample.Kill(entireProcessTree: true);
            await sample.WaitForExitAsync();
        }
    }

    private static Process StartSample(out Uri address)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "WebApi.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0", "--BufferPool:Kind", "small-block"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        Process process = Process.Start(info)!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null)
            {
                break;
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                address = new Uri(match.Groups[1].Value);
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The sample did not report its address: " + process.StandardError.ReadToEnd());
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
