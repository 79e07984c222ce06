using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace BufferPool.Tests.Shared;

/// <summary>
/// A sample started the way a user starts it: its built output copied to a folder of its own, its appsettings.json
/// edited there, and <c>dotnet Sample.dll</c> run from another folder (the current directory of a user who typed
/// <c>dotnet run --project samples/...</c> at the repository root).
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private SampleProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>The sample's process id.</summary>
    public int Id => _process.Id;

    /// <summary>The folder the sample runs from: its copied output.</summary>
    public string AppDirectory => Path.Combine(_directory, "app");

    /// <summary>The repository's root folder.</summary>
    public static string Repository => RepositoryRoot(AppContext.BaseDirectory);

    /// <summary>What the sample wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Copies the built output of <paramref name="sample"/> (a folder under samples/, or a path from the repository root
    /// such as <c>tests/WorkerApp</c>, built in the tests' configuration), applies <paramref name="editSettings"/> to the
    /// copy's appsettings.json, and starts it from an empty current directory.
    /// </summary>
    public static SampleProcess Start(string sample, Action<JsonObject> editSettings, params string[] args)
    {
        string folder = sample.Contains('/', StringComparison.Ordinal) ? sample : "samples/" + sample;
        sample = Path.GetFileName(folder);
        string testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string framework = Path.GetFileName(testOutput);
        string configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        string repository = RepositoryRoot(testOutput);
        string built = Path.Combine(repository, folder, "bin", configuration, framework);
        Assert.True(File.Exists(Path.Combine(built, sample + ".dll")), $"{sample} is not built at {built}");

        string directory = Directory.CreateTempSubdirectory("bufferpool-sample-").FullName;
        string app = Path.Combine(directory, "app");
        CopyDirectory(built, app);
        string settingsPath = Path.Combine(app, "appsettings.json");
        JsonObject settings = JsonNode.Parse(File.ReadAllText(settingsPath))!.AsObject();
        editSettings(settings);
        File.WriteAllText(settingsPath, settings.ToJsonString());

        string elsewhere = Directory.CreateDirectory(Path.Combine(directory, "elsewhere")).FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(app, sample + ".dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Whatever environment the tests run in (DOTNET_ENVIRONMENT, ASPNETCORE_URLS ...), the sample sees a user's.
        foreach (string key in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS" })
        {
            start.Environment.Remove(key);
        }

        var process = new Process { StartInfo = start };
        var sampleProcess = new SampleProcess(process, directory);
        process.OutputDataReceived += (_, e) => sampleProcess.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sampleProcess.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>Waits until the output has a line containing <paramref name="text"/>; fails with the output after the timeout.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string? line = Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No line with \"{text}\" within {timeout}{(_process.HasExited ? $" (the sample exited with {_process.ExitCode})" : "")}. Output:\n{Output}");
        return "";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string RepositoryRoot(string from)
    {
        for (DirectoryInfo? dir = new(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BufferPool.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No BufferPool.sln above {from}.");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
