using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace BufferPool.LoadTests;

/// <summary>
/// Child processes through CliWrap, pinned to one core with taskset when there is more than one core (the server to
/// core 0, the load generators to core 1). taskset execs its command, so the process id is the command's own.
/// </summary>
internal static class Pinned
{
    public const int ServerCore = 0;
    public const int LoadCore = 1;

    public static Command Command(int core, string file, IEnumerable<string> args)
    {
        if (Environment.ProcessorCount > 1 && ToolPaths.Which("taskset") is { } taskset)
        {
            return Cli.Wrap(taskset).WithArguments(["-c", core.ToString(CultureInfo.InvariantCulture), file, .. args]).WithValidation(CommandResultValidation.None);
        }

        return Cli.Wrap(file).WithArguments(args).WithValidation(CommandResultValidation.None);
    }

    /// <summary>Runs a load tool to its end on the load core; its stdout, or an error with its stderr if it failed.</summary>
    public static async Task<string> RunToolAsync(string file, IEnumerable<string> args, CancellationToken token)
    {
        BufferedCommandResult result = await Command(LoadCore, file, args).ExecuteBufferedAsync(token);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}:\n{result.StandardError}\n{result.StandardOutput}");
        }

        return result.StandardOutput;
    }
}
