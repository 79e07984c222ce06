using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Pipelines.Sockets.Unofficial;

namespace BufferPool.Sockets;

/// <summary>
/// The send and receive <see cref="PipeOptions"/> of socket connections, over one memory pool: what
/// Pipelines.Sockets.Unofficial's <see cref="SocketConnection"/> and <see cref="SocketServer"/> take instead of
/// <see cref="PipeOptions.Default"/> (which rents from <see cref="MemoryPool{T}.Shared"/>).
/// </summary>
public sealed class SocketPipeOptions
{
    private SocketPipeOptions(MemoryPool<byte> pool, PipeOptions send, PipeOptions receive)
    {
        Pool = pool;
        Send = send;
        Receive = receive;
    }

    /// <summary>The pool both pipes rent their segments from.</summary>
    public MemoryPool<byte> Pool { get; }

    /// <summary>The pipe the app writes and the socket sends from.</summary>
    public PipeOptions Send { get; }

    /// <summary>The pipe the socket receives into and the app reads.</summary>
    public PipeOptions Receive { get; }

    /// <summary>
    /// Pipe options over <paramref name="pool"/>: segments of <c>min(4096, pool.MaxBufferSize)</c> unless
    /// <see cref="BufferPoolSocketOptions.MinimumSegmentSize"/> says otherwise, and the options' thresholds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the setting.</exception>
    public static SocketPipeOptions Create(MemoryPool<byte> pool, BufferPoolSocketOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        options ??= new BufferPoolSocketOptions();
        ValidatableOptions.ThrowIfInvalid(options);
        int segment = Math.Min(options.MinimumSegmentSize == 0 ? 4096 : options.MinimumSegmentSize, pool.MaxBufferSize);

        // The thread pool on both sides, as PipeOptions.Default does: the library's own dedicated scheduler suits a
        // client with few connections (StackExchange.Redis), not a server with many.
        PipeOptions Make() => new(pool, PipeScheduler.ThreadPool, PipeScheduler.ThreadPool, options.PauseWriterThreshold, options.ResumeWriterThreshold, segment, useSynchronizationContext: false);
        return new SocketPipeOptions(pool, Make(), Make());
    }

    /// <summary>Connects to <paramref name="endPoint"/> and returns the connection as a pipe over these options.</summary>
    /// <param name="endPoint">Where to connect.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    public async Task<SocketConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SocketConnection.SetRecommendedClientOptions(socket);
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return SocketConnection.Create(socket, Send, Receive);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
