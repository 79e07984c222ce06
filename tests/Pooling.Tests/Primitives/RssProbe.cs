using System.Diagnostics;
using System.Globalization;

namespace BufferPool.Tests.Primitives;

/// <summary>
/// Runs tests/RssProbe in a process of its own (`dotnet BufferPool.RssProbe.dll ...`): an RSS figure is the whole
/// process's, so it must not be the test host's, which other tests share. Returns the probe's key=value figures.
/// </summary>
internal static class RssProbe
{
    public static async Task<Dictionary<string, long>> RunAsync(params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "BufferPool.RssProbe.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TestTimeouts.Concurrent);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text = await output;
        Assert.True(process.ExitCode == 0, $"the probe ({string.Join(' ', arguments)}) exited with {process.ExitCode}:\n{text}\n{await error}");
        return text.Trim().Split(' ').Select(pair => pair.Split('='))
            .ToDictionary(kv => kv[0], kv => long.Parse(kv[1], CultureInfo.InvariantCulture));
    }
}
