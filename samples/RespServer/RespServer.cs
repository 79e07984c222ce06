using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using BufferPool;
using BufferPool.Sockets;
using Microsoft.Extensions.Options;

namespace RespServer;

/// <summary>
/// A subset of a Redis server over RESP2: PING, ECHO, SET, GET, DEL, CONFIG GET (what redis-benchmark asks at start)
/// and INFO (the server's GC counts, allocated bytes and the store's leases, for the load runner). Each read of the
/// pipe runs every whole command in it and flushes the replies once, which is what pipelining (<c>-P</c>) wants.
/// Bad input gets <c>-ERR Protocol error: ...</c> and the connection closes, as Redis does.
/// </summary>
public sealed class RespServer(SocketPipeOptions pipes, IOptions<BufferPoolSocketServerOptions> options, RespStore store)
    : BufferPoolSocketServer(pipes, options.Value)
{
    /// <summary>The longest key: keys are copied to the stack when they span pipe segments. It is a sample.</summary>
    public const int MaxKeyBytes = 1024;

    private const string KeyTooLong = "keys are limited to 1024 bytes here";

    /// <summary>The key space.</summary>
    public RespStore Store { get; } = store;

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Store.Clear();
    }

    /// <inheritdoc />
    protected override async Task OnClientAsync(IDuplexPipe transport, EndPoint? remoteEndPoint, CancellationToken stopping)
    {
        PipeReader input = transport.Input;
        PipeWriter output = transport.Output;
        var args = new ReadOnlySequence<byte>[4];
        byte[] inline = new byte[256];
        while (true)
        {
            ReadResult read = await input.ReadAsync(stopping);
            bool close = Process(read.Buffer, output, ref args, ref inline, out SequencePosition consumed, out bool replied);
            input.AdvanceTo(consumed, read.Buffer.End);
            if (replied)
            {
                FlushResult flush = await output.FlushAsync(stopping);
                close |= flush.IsCompleted;
            }

            if (close || read.IsCompleted || read.IsCanceled)
            {
                return;
            }
        }
    }

    private bool Process(in ReadOnlySequence<byte> buffer, PipeWriter output, ref ReadOnlySequence<byte>[] args, ref byte[] inline, out SequencePosition consumed, out bool replied)
    {
        var reader = new SequenceReader<byte>(buffer);
        consumed = buffer.Start;
        replied = false;
        while (true)
        {
            switch (Resp.TryParse(ref reader, ref args, ref inline, out int count, out string? error))
            {
                case Resp.ParseStatus.Incomplete:
                    return false;
                case Resp.ParseStatus.Invalid:
                    Resp.WriteError(output, error!);
                    consumed = buffer.End;
                    replied = true;
                    return true;
                default:
                    consumed = reader.Position;
                    if (count > 0)
                    {
                        Execute(args.AsSpan(0, count), output);
                        replied = true;
                    }

                    break;
            }
        }
    }

    private void Execute(ReadOnlySpan<ReadOnlySequence<byte>> args, PipeWriter output)
    {
        Span<byte> scratch = stackalloc byte[MaxKeyBytes];
        Span<byte> name = stackalloc byte[16];
        if (args[0].Length > name.Length)
        {
            UnknownCommand(args[0], output);
            return;
        }

        args[0].CopyTo(name);
        name = name[..(int)args[0].Length];
        if (Ascii.EqualsIgnoreCase(name, "GET"u8))
        {
            if (Arity(args, 2, output))
            {
                Store.WriteValue(Key(args[1], scratch), output);
            }
        }
        else if (Ascii.EqualsIgnoreCase(name, "SET"u8))
        {
            if (Arity(args, 3, output))
            {
                Store.Set(Key(args[1], scratch), args[2]);
                output.Write("+OK\r\n"u8);
            }
        }
        else if (Ascii.EqualsIgnoreCase(name, "PING"u8))
        {
            if (args.Length == 1)
            {
                output.Write("+PONG\r\n"u8);
            }
            else if (args.Length == 2)
            {
                Resp.WriteBulk(output, args[1]);
            }
            else
            {
                Resp.WriteError(output, "wrong number of arguments for 'ping' command");
            }
        }
        else if (Ascii.EqualsIgnoreCase(name, "ECHO"u8))
        {
            if (Arity(args, 2, output, keyed: false))
            {
                Resp.WriteBulk(output, args[1]);
            }
        }
        else if (Ascii.EqualsIgnoreCase(name, "DEL"u8))
        {
            if (args.Length < 2)
            {
                Resp.WriteError(output, "wrong number of arguments for 'del' command");
                return;
            }

            long removed = 0;
            foreach (ReadOnlySequence<byte> key in args[1..])
            {
                if (key.Length > MaxKeyBytes)
                {
                    Resp.WriteError(output, KeyTooLong);
                    return;
                }
            }

            foreach (ReadOnlySequence<byte> key in args[1..])
            {
                removed += Store.Delete(Key(key, scratch)) ? 1 : 0;
            }

            Resp.WriteInteger(output, removed);
        }
        else if (Ascii.EqualsIgnoreCase(name, "CONFIG"u8))
        {
            Config(args, output);
        }
        else if (Ascii.EqualsIgnoreCase(name, "INFO"u8))
        {
            byte[] info = Encoding.ASCII.GetBytes(Info());
            Resp.WriteBulk(output, new ReadOnlySequence<byte>(info));
        }
        else
        {
            UnknownCommand(args[0], output);
        }
    }

    /// <summary>
    /// CONFIG GET answers the two parameters redis-benchmark reads at start (<c>save</c>, <c>appendonly</c>) as a
    /// server without persistence would, and any other with an empty array (no such parameter).
    /// </summary>
    private static void Config(ReadOnlySpan<ReadOnlySequence<byte>> args, PipeWriter output)
    {
        if (args.Length != 3 || args[1].Length != 3 || !Ascii.EqualsIgnoreCase(args[1].FirstSpan.Length == 3 ? args[1].FirstSpan : args[1].ToArray(), "GET"u8))
        {
            Resp.WriteError(output, "CONFIG supports only GET parameter here");
            return;
        }

        byte[] parameter = args[2].ToArray();
        string? value = Ascii.EqualsIgnoreCase(parameter, "save"u8) ? "" : Ascii.EqualsIgnoreCase(parameter, "appendonly"u8) ? "no" : null;
        if (value is null)
        {
            output.Write("*0\r\n"u8);
            return;
        }

        output.Write("*2\r\n"u8);
        Resp.WriteBulk(output, new ReadOnlySequence<byte>(parameter));
        Resp.WriteBulk(output, new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(value)));
    }

    /// <summary>Redis's INFO format (<c>name:value</c> lines): the figures the load runner reads from the server.</summary>
    private string Info()
    {
        long inUse = Store.Pool is IBufferPool pool ? pool.GetStatistics().InUseBytes : -1;
        return $"# BufferPool\r\nkind:{Store.Kind}\r\ngen0:{GC.CollectionCount(0)}\r\ngen1:{GC.CollectionCount(1)}\r\ngen2:{GC.CollectionCount(2)}\r\n" +
            $"allocated_bytes:{GC.GetTotalAllocatedBytes()}\r\nworking_set_bytes:{Environment.WorkingSet}\r\nconnections:{ConnectionCount}\r\n" +
            $"keys:{Store.Count}\r\nstored_leases:{Store.StoredLeases}\r\nstored_bytes:{Store.StoredBytes}\r\npool_in_use_bytes:{inUse}\r\n";
    }

    private static bool Arity(ReadOnlySpan<ReadOnlySequence<byte>> args, int expected, PipeWriter output, bool keyed = true)
    {
        if (args.Length == expected)
        {
            if (!keyed || args[1].Length <= MaxKeyBytes)
            {
                return true;
            }

            Resp.WriteError(output, KeyTooLong);
            return false;
        }

        Resp.WriteError(output, $"wrong number of arguments for '{Resp.Printable(args[0]).ToLowerInvariant()}' command");
        return false;
    }

    private static void UnknownCommand(in ReadOnlySequence<byte> name, PipeWriter output) =>
        Resp.WriteError(output, $"unknown command '{Resp.Printable(name)}'");

    /// <summary>The key as one span: the buffer's own when it lies in one segment, else copied into <paramref name="scratch"/>.</summary>
    private static ReadOnlySpan<byte> Key(in ReadOnlySequence<byte> key, Span<byte> scratch)
    {
        if (key.IsSingleSegment)
        {
            return key.FirstSpan;
        }

        key.CopyTo(scratch);
        return scratch[..(int)key.Length];
    }
}
