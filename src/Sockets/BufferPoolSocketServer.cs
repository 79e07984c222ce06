using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Pipelines.Sockets.Unofficial;

namespace BufferPool.Sockets;

/// <summary>
/// A Pipelines.Sockets.Unofficial <see cref="SocketServer"/> run by the host: it listens on the endpoint its
/// <see cref="BufferPoolSocketServerOptions"/> name when the host starts, hands every connection to
/// <see cref="OnClientAsync"/> over pipes built from <see cref="SocketPipeOptions"/>, and on stop closes the listener,
/// cancels the connections' token and waits for their handlers, so that their pipe segments are back in the pool.
/// </summary>
public abstract class BufferPoolSocketServer : SocketServer, IHostedService
{
    private readonly SocketPipeOptions _pipes;
    private readonly BufferPoolSocketServerOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _clients = new();
    private long _nextClient;
    private int _disposed;

    /// <summary>A server over <paramref name="pipes"/>, listening where <paramref name="options"/> say.</summary>
    protected BufferPoolSocketServer(SocketPipeOptions pipes, BufferPoolSocketServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipes);
        ArgumentNullException.ThrowIfNull(options);
        _pipes = pipes;
        _options = options;
    }

    /// <summary>Where the server listens, once started (the free port it picked when the options said 0).</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The pipe options every connection uses.</summary>
    public SocketPipeOptions Pipes => _pipes;

    /// <summary>Connections being served now.</summary>
    public int ConnectionCount => _clients.Count;

    /// <inheritdoc />
    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        ValidatableOptions.ThrowIfInvalid(_options);
        IPAddress address = IPAddress.Parse(_options.Address);
        int port = _options.Port == 0 ? FreePort(address) : _options.Port;
        var endPoint = new IPEndPoint(address, port);

        // SocketServer keeps its listening socket to itself, so the port of a "port 0" listener cannot be read back:
        // a free port is picked by binding to port 0 first. Another process could take it in between; Listen then
        // throws and the host fails to start, which says so.
        Listen(endPoint, address.AddressFamily, SocketType.Stream, ProtocolType.Tcp, _options.ListenBacklog, _pipes.Send, _pipes.Receive);
        EndPoint = endPoint;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task all = Task.WhenAll(_clients.Values);
        try
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: leave the remaining handlers to finish on their own.
        }
    }

    /// <summary>Serves one connection until it returns; the pipes are completed and the socket closed afterwards.</summary>
    /// <param name="transport">The connection's pipes.</param>
    /// <param name="remoteEndPoint">The client's address.</param>
    /// <param name="stopping">Cancelled when the host stops.</param>
    protected abstract Task OnClientAsync(IDuplexPipe transport, EndPoint? remoteEndPoint, CancellationToken stopping);

    /// <inheritdoc />
    protected sealed override Task OnClientConnectedAsync(in ClientConnection client)
    {
        long id = Interlocked.Increment(ref _nextClient);
        Task task = Track(id, client.Transport, client.RemoteEndPoint);
        return task;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The container disposes the server twice: as itself and as the IHostedService that forwards to it.
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task Track(long id, IDuplexPipe transport, EndPoint? remote)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _clients[id] = done.Task;
        try
        {
            await OnClientAsync(transport, remote, _stopping.Token).ConfigureAwait(false);
            await DrainAsync(transport).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The host is stopping: the connection ends like any other.
        }
        finally
        {
            // SocketServer completes both pipes and closes the socket once this returns.
            _clients.TryRemove(id, out _);
            done.TrySetResult();
        }
    }

    /// <summary>
    /// Lets the last replies reach the client: SocketServer disposes the socket as soon as the handler returns, which
    /// can cut off what the send loop has not written yet (a reply explaining why the server closes, say). So the send
    /// pipe is completed, drained (for at most 5 seconds) and the socket shut down for sending, a graceful close.
    /// </summary>
    private static async Task DrainAsync(IDuplexPipe transport)
    {
        await transport.Output.CompleteAsync().ConfigureAwait(false);
        if (transport is not SocketConnection connection)
        {
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (connection.GetCounters().BytesWaitingToBeSent > 0 && connection.SocketError == SocketError.Success && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        try
        {
            connection.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The client is gone already.
        }
        catch (ObjectDisposedException)
        {
            // The connection's send loop closed the socket first.
        }
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
