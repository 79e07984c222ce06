using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace BufferPool.LoadTests;

/// <summary>
/// <c>--resp</c>: samples/RespServer under redis-benchmark, once per pool per round, pools in a rotating order per
/// round so that drift on the shared machine spreads over all of them. After every size, known keys are SET and read
/// back byte for byte with a RESP client of this runner's own. Writes resp.csv (every trial) and resp.md (medians).
/// </summary>
internal static class RespRunner
{
    private static readonly string[] Tests = ["ping", "set", "get"];

    public static async Task<int> RunAsync(RespOptions options, CancellationToken token)
    {
        bool quick = options.Quick;
        string[] pools = options.Pools;
        int[] sizes = options.Sizes;
        int rounds = options.Rounds, requests = options.Requests, clients = options.Clients;
        const int Pipeline = 16;
        if (ToolPaths.Which("redis-benchmark") is null)
        {
            Console.Error.WriteLine("Missing redis-benchmark. Install it with:\n  sudo apt-get install -y redis-tools\nor run: bash loadtests/install-tools.sh");
            return 2;
        }

        string root = Path.GetDirectoryName(ToolPaths.LoadTestsDirectory)!;
        string output = Path.GetFullPath(options.Output, root);
        string work = Path.Combine(output, "work");
        Directory.CreateDirectory(work);
        Console.WriteLine("Building samples/RespServer (Release) ...");
        string dll = await BuildAsync(root, Path.Combine(work, "resp"), token);

        var rows = new List<RespRow>();
        long errors = 0, integrity = 0;
        DateTime started = DateTime.UtcNow;
        for (int round = 0; round < rounds; round++)
        {
            for (int p = 0; p < pools.Length; p++)
            {
                string pool = RoundOrder.For(pools, round)[p];
                await using RespProcess server = await RespProcess.StartAsync(dll, pool, token);
                foreach (int size in sizes)
                {
                    foreach (string test in Tests)
                    {
                        Dictionary<string, long> before = await server.InfoAsync();
                        (string csv, bool failed) = await RunBenchmarkAsync(server.Port, test, size, requests, clients, Pipeline, token);
                        Dictionary<string, long> after = await server.InfoAsync();
                        errors += failed ? 1 : 0;
                        foreach (string[] f in ParseCsv(csv))
                        {
                            var row = new RespRow(round + 1, pool, size, f[0], Num(f[1]), Num(f[4]), Num(f[6]),
                                after["gen0"] - before["gen0"], after["gen1"] - before["gen1"], (after["allocated_bytes"] - before["allocated_bytes"]) / 1048576.0);
                            rows.Add(row);
                            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {row.Round} {pool,-11} -d {size,-6} {row.Test,-12} {row.OpsPerSecond,10:F0} ops/s  p50 {row.P50Ms,6:F3} ms  p99 {row.P99Ms,6:F3} ms  gen0 {row.Gen0,4}  alloc {row.AllocatedMb,8:F1} MB"));
                        }

                        if (!csv.Contains(',', StringComparison.Ordinal))
                        {
                            errors++;
                        }
                    }

                    int bad2 = await CheckIntegrityAsync(server.Port, size);
                    if (bad2 > 0)
                    {
                        Console.Error.WriteLine($"{pool} -d {size}: {bad2} integrity failures");
                    }

                    integrity += bad2;
                }
            }
        }

        string csvPath = Path.Combine(output, "resp.csv");
        await File.WriteAllTextAsync(csvPath, "round,pool,size,test,ops_per_s,p50_ms,p99_ms,gen0,gen1,allocated_mb\n" + string.Concat(rows.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Round},{r.Pool},{r.Size},{r.Test},{r.OpsPerSecond:F1},{r.P50Ms:F3},{r.P99Ms:F3},{r.Gen0},{r.Gen1},{r.AllocatedMb:F1}\n"))));
        string table = Summary(rows);
        await File.WriteAllTextAsync(Path.Combine(output, "resp.md"), $"""
            # BufferPool RESP load test (samples/RespServer under redis-benchmark)

            {started:yyyy-MM-dd HH:mm}-{DateTime.UtcNow:HH:mm} UTC, {Environment.ProcessorCount} cores, {(quick ? "quick mode" : "full run")}: {rounds} round(s), pools in rotating order per round; `redis-benchmark -t ping|set|get -P {Pipeline} -n {requests} -c {clients} -d SIZE --csv -q`. Server pinned to core 0, redis-benchmark to core 1. Errors: {errors}; integrity failures: {integrity}.

            Medians over the rounds; spread is (max - min) / median of ops/s; gen0 and allocated MB are the server's, per benchmark run (ping covers PING_INLINE and PING_MBULK together).

            {table}
            """);
        Console.WriteLine();
        Spectre.Console.AnsiConsole.Write(MarkdownTableView.From(table));
        Console.WriteLine($"Report: {Path.Combine(output, "resp.md")}");
        if (errors + integrity > 0)
        {
            Console.Error.WriteLine($"{errors} errors and {integrity} integrity failures.");
            return 1;
        }

        return 0;
    }

    private static string Summary(List<RespRow> rows)
    {
        var sb = new StringBuilder("| -d | test | pool | ops/s (median) | vs default | spread | p50 ms | p99 ms | gen0 | alloc MB |\n|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        static double Median(IEnumerable<double> values) => Stats.Median(values);

        foreach (var group in rows.GroupBy(r => (r.Size, r.Test, r.Pool)).OrderBy(g => g.Key.Size).ThenBy(g => g.Key.Test, StringComparer.Ordinal).ThenBy(g => g.Key.Pool, StringComparer.Ordinal))
        {
            double ops = Median(group.Select(r => r.OpsPerSecond));
            double baseline = Median(rows.Where(r => r.Size == group.Key.Size && r.Test == group.Key.Test && r.Pool == "default").Select(r => r.OpsPerSecond));
            double spread = ops > 0 ? (group.Max(r => r.OpsPerSecond) - group.Min(r => r.OpsPerSecond)) / ops : 0;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Size} | {group.Key.Test} | {group.Key.Pool} | {ops:F0} | {(baseline > 0 ? (ops / baseline).ToString("F2", CultureInfo.InvariantCulture) : "")} | {spread:P0} | {Median(group.Select(r => r.P50Ms)):F3} | {Median(group.Select(r => r.P99Ms)):F3} | {Median(group.Select(r => (double)r.Gen0)):F0} | {Median(group.Select(r => r.AllocatedMb)):F1} |"));
        }

        return sb.ToString();
    }

    private static double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>redis-benchmark's CSV: a header line, then one line per test, every field quoted.</summary>
    private static IEnumerable<string[]> ParseCsv(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray())
            .Where(f => f.Length >= 7 && f[0] != "test" && double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static async Task<(string Csv, bool Failed)> RunBenchmarkAsync(int port, string test, int size, int requests, int clients, int pipeline, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        BufferedCommandResult result;
        try
        {
            result = await Pinned.Command(Pinned.LoadCore, "redis-benchmark", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", test,
                "-P", pipeline.ToString(CultureInfo.InvariantCulture), "-d", size.ToString(CultureInfo.InvariantCulture), "-n", requests.ToString(CultureInfo.InvariantCulture),
                "-c", clients.ToString(CultureInfo.InvariantCulture), "--csv", "-q"]).ExecuteBufferedAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            Console.Error.WriteLine($"redis-benchmark -t {test} -d {size} timed out");
            return ("", true);
        }

        string err = result.StandardError;
        bool failed = result.ExitCode != 0 || err.Contains("Error", StringComparison.OrdinalIgnoreCase) || err.Contains("ERR", StringComparison.Ordinal);
        if (failed)
        {
            Console.Error.WriteLine($"redis-benchmark -t {test} -d {size} exited {result.ExitCode}: {err}");
        }

        return (result.StandardOutput, failed);
    }

    /// <summary>SETs values of known content (0 bytes, the benchmark's size, 1 MiB and one between) and GETs them back.</summary>
    private static async Task<int> CheckIntegrityAsync(int port, int size)
    {
        int failures = 0;
        using var client = await RespClient.ConnectAsync(port);
        int[] lengths = [0, 1, size, 1024 * 1024, 300_001];
        for (int i = 0; i < lengths.Length; i++)
        {
            byte[] value = new byte[lengths[i]];
            new Random(size + i).NextBytes(value);
            string key = $"integrity:{size}:{i}";
            failures += await client.CommandAsync([Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(key), value]) is "OK" ? 0 : 1;
            failures += await client.CommandAsync([Encoding.ASCII.GetBytes("GET"), Encoding.ASCII.GetBytes(key)]) is byte[] got && got.AsSpan().SequenceEqual(value) ? 0 : 1;
        }

        // What redis-benchmark stored: its SET writes -d bytes under key:__rand_int__.
        failures += await client.CommandAsync([Encoding.ASCII.GetBytes("GET"), Encoding.ASCII.GetBytes("key:__rand_int__")]) is byte[] bench && bench.Length == size ? 0 : 1;
        return failures;
    }

    private static async Task<string> BuildAsync(string root, string outputDirectory, CancellationToken token)
    {
        BufferedCommandResult build = await Cli.Wrap("dotnet")
            .WithArguments(["build", Path.Combine(root, "samples", "RespServer", "RespServer.csproj"), "-c", "Release", "-o", outputDirectory, "--nologo", "-v", "q"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(token);
        return build.ExitCode == 0 ? Path.Combine(outputDirectory, "RespServer.dll") : throw new InvalidOperationException("building samples/RespServer failed:\n" + build.StandardOutput + build.StandardError);
    }

    private sealed record RespRow(int Round, string Pool, int Size, string Test, double OpsPerSecond, double P50Ms, double P99Ms, long Gen0, long Gen1, double AllocatedMb);

    /// <summary>One run of samples/RespServer with a given BufferPool:Kind, pinned to core 0 (CliWrap; its output kept).</summary>
    private sealed class RespProcess : IAsyncDisposable
    {
        private readonly ServerChild _process;

        private RespProcess(ServerChild process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static async Task<RespProcess> StartAsync(string dll, string pool, CancellationToken token)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var process = new ServerChild(Pinned.Command(Pinned.ServerCore, "dotnet", [dll, "--port", port.ToString(CultureInfo.InvariantCulture)])
                .WithWorkingDirectory(Path.GetDirectoryName(dll)!)
                .WithEnvironmentVariables(env => env.Set("BufferPool__Kind", pool).Set("Logging__LogLevel__Default", "Warning")));
            var server = new RespProcess(process, port);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                try
                {
                    using var client = await RespClient.ConnectAsync(port);
                    if (await client.CommandAsync([Encoding.ASCII.GetBytes("PING")]) is "PONG")
                    {
                        return server;
                    }
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(200, token);
                }
                catch (SocketException ex)
                {
                    await server.DisposeAsync();
                    throw new InvalidOperationException($"samples/RespServer (BufferPool:Kind={pool}) did not start: {ex.Message}\n--- its output ---\n{process.Output}", ex);
                }
            }
        }

        /// <summary>The server's INFO figures (gen0, allocated_bytes, ...).</summary>
        public async Task<Dictionary<string, long>> InfoAsync()
        {
            using var client = await RespClient.ConnectAsync(Port);
            byte[] info = (byte[])(await client.CommandAsync([Encoding.ASCII.GetBytes("INFO")]))!;
            return Encoding.ASCII.GetString(info).Split("\r\n")
                .Select(l => l.Split(':'))
                .Where(f => f.Length == 2 && long.TryParse(f[1], CultureInfo.InvariantCulture, out _))
                .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        }

        /// <summary>Stops the server (SIGINT, then a kill after 10 s), so the sample returns its stored leases.</summary>
        public ValueTask DisposeAsync() => _process.DisposeAsync();
    }

    /// <summary>A minimal RESP2 client: commands as arrays of bulk strings; replies +, -, :, $ and *.</summary>
    private sealed class RespClient : IDisposable
    {
        private readonly Socket _socket;
        private readonly BufferedStream _stream;

        private RespClient(Socket socket)
        {
            _socket = socket;
            _stream = new BufferedStream(new NetworkStream(socket, ownsSocket: true), 64 * 1024);
        }

        public static async Task<RespClient> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return new RespClient(socket);
        }

        public async Task<object?> CommandAsync(byte[][] args)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var ms = new MemoryStream();
            ms.Write(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
            foreach (byte[] arg in args)
            {
                ms.Write(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
                ms.Write(arg);
                ms.Write("\r\n"u8);
            }

            await _stream.WriteAsync(ms.ToArray(), timeout.Token);
            await _stream.FlushAsync(timeout.Token);
            return await ReadAsync(timeout.Token);
        }

        public void Dispose()
        {
            _stream.Dispose();
            _socket.Dispose();
        }

        private async Task<object?> ReadAsync(CancellationToken token)
        {
            var line = new StringBuilder();
            byte[] one = new byte[1];
            while (!(line.Length > 0 && line[^1] == '\r' && one[0] == '\n'))
            {
                if (await _stream.ReadAsync(one, token) == 0)
                {
                    throw new EndOfStreamException("the server closed the connection");
                }

                if (one[0] != '\n' || line.Length == 0 || line[^1] != '\r')
                {
                    line.Append((char)one[0]);
                }
            }

            string text = line.ToString(1, line.Length - 2);
            switch (line[0])
            {
                case '+':
                    return text;
                case '-':
                    return new InvalidDataException(text);
                case ':':
                    return long.Parse(text, CultureInfo.InvariantCulture);
                case '$':
                    int length = int.Parse(text, CultureInfo.InvariantCulture);
                    if (length < 0)
                    {
                        return null;
                    }

                    byte[] data = new byte[length + 2];
                    await _stream.ReadExactlyAsync(data, token);
                    return data[..length];
                default:
                    int count = int.Parse(text, CultureInfo.InvariantCulture);
                    var items = new object?[count];
                    for (int i = 0; i < count; i++)
                    {
                        items[i] = await ReadAsync(token);
                    }

                    return items;
            }
        }
    }
}
