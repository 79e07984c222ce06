using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BufferPool.Sockets.Tests;

/// <summary>
/// A raw RESP2 client written for the tests, independent of the server's parser: it writes commands as arrays of
/// bulk strings on a plain socket and reads replies byte by byte off a buffered stream.
/// </summary>
internal sealed class RespClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _reader;

    private RespClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new BufferedStream(_stream, 64 * 1024);
    }

    public static async Task<RespClient> ConnectAsync(EndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(endPoint, timeout.Token);
        return new RespClient(socket);
    }

    /// <summary>Encodes a command as a RESP array of bulk strings.</summary>
    public static byte[] Encode(params byte[][] args)
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes($"*{args.Length}\r\n"));
        foreach (byte[] arg in args)
        {
            ms.Write(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
            ms.Write(arg);
            ms.Write("\r\n"u8);
        }

        return ms.ToArray();
    }

    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    public async Task<object?> CommandAsync(params byte[][] args)
    {
        await SendRawAsync(Encode(args));
        return await ReadReplyAsync();
    }

    public Task<object?> CommandAsync(params string[] args) => CommandAsync([.. args.Select(B)]);

    /// <summary>
    /// Reads one reply: a string for <c>+</c>, a <see cref="RespError"/> for <c>-</c>, a long for <c>:</c>, a byte
    /// array (or null) for <c>$</c>, an object array for <c>*</c>.
    /// </summary>
    public async Task<object?> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await ReadReplyAsync(timeout.Token);
    }

    /// <summary>True when the server has closed the connection: a read returns end of stream (or a reset).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _reader.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Closes the socket at once, without a graceful shutdown.</summary>
    public void Abort() => _socket.Close(0);

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private async Task<object?> ReadReplyAsync(CancellationToken token)
    {
        string line = await ReadLineAsync(token);
        switch (line[0])
        {
            case '+':
                return line[1..];
            case '-':
                return new RespError(line[1..]);
            case ':':
                return long.Parse(line[1..]);
            case '$':
                int length = int.Parse(line[1..]);
                if (length < 0)
                {
                    return null;
                }

                byte[] data = new byte[length + 2];
                await _reader.ReadExactlyAsync(data, token);
                Assert.Equal((byte)'\r', data[length]);
                Assert.Equal((byte)'\n', data[length + 1]);
                return data[..length];
            case '*':
                int count = int.Parse(line[1..]);
                var items = new object?[count];
                for (int i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(token);
                }

                return items;
            default:
                throw new InvalidDataException($"not a RESP reply: {line}");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken token)
    {
        var sb = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            if (await _reader.ReadAsync(one, token) == 0)
            {
                throw new EndOfStreamException("the server closed the connection");
            }

            if (one[0] == '\n' && sb.Length > 0 && sb[^1] == '\r')
            {
                return sb.ToString(0, sb.Length - 1);
            }

            sb.Append((char)one[0]);
        }
    }
}

/// <summary>A RESP error reply.</summary>
internal sealed record RespError(string Message);
