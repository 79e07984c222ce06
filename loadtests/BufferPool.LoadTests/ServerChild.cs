using System.Text;
using CliWrap;

namespace BufferPool.LoadTests;

/// <summary>
/// A sample server run as a child process through CliWrap: its stdout and stderr kept for when it fails to start, and a
/// stop that asks first (SIGINT, CliWrap's graceful cancellation, so the host drains and the pools get their leases
/// back) and kills after 10 s.
/// </summary>
internal sealed class ServerChild : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly CommandTask<CommandResult> _task;

    public ServerChild(Command command)
    {
        _task = command
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(_output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_output))
            .ExecuteAsync(_forceful.Token, _graceful.Token);
    }

    public int Pid => _task.ProcessId;

    public bool HasExited => _task.Task.IsCompleted;

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await _graceful.CancelAsync();
        _forceful.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _task;
        }
        catch (OperationCanceledException)
        {
            // Stopped, gracefully or not.
        }

        _graceful.Dispose();
        _forceful.Dispose();
    }
}
