using System.Diagnostics;
using System.Globalization;

namespace BufferPool.LoadTests;

/// <summary>Stopping a sample server the runner started.</summary>
internal static class ServerProcess
{
    /// <summary>
    /// SIGTERM, so the host stops gracefully (Kestrel drains, the RESP sample returns its stored leases); after 10 s, a
    /// kill. taskset exec'd dotnet, so the pid is the server's.
    /// </summary>
    public static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (Process? term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            term?.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
