using System.Buffers;
using System.Buffers.Text;

namespace RespServer;

/// <summary>
/// The request side of the Redis protocol (RESP2, from the Redis protocol specification): arrays of bulk strings,
/// and inline commands (one line of space-separated words, which redis-benchmark's PING_INLINE test sends). Arguments
/// are slices of the pipe's buffer: nothing is copied while parsing.
/// </summary>
public static class Resp
{
    /// <summary>The most arguments one command may have.</summary>
    public const int MaxArguments = 4096;

    /// <summary>The longest inline command line.</summary>
    public const int MaxInlineBytes = 64 * 1024;

    /// <summary>What <see cref="TryParse"/> found.</summary>
    public enum ParseStatus
    {
        /// <summary>A whole command; the reader is past it.</summary>
        Command,

        /// <summary>Not enough bytes yet; wait for more, the reader's position means nothing.</summary>
        Incomplete,

        /// <summary>Bytes that are not a command; the error says why and the connection should close.</summary>
        Invalid,
    }

    /// <summary>Parses one command at the reader's position into <paramref name="args"/> (grown as needed).</summary>
    public static ParseStatus TryParse(ref SequenceReader<byte> reader, ref ReadOnlySequence<byte>[] args, ref byte[] inline, out int count, out string? error)
    {
        count = 0;
        error = null;
        if (!reader.TryPeek(out byte first))
        {
            return ParseStatus.Incomplete;
        }

        if (first != (byte)'*')
        {
            return TryParseInline(ref reader, ref args, ref inline, out count, out error);
        }

        reader.Advance(1);
        ParseStatus status = TryReadInteger(ref reader, out long n, out error);
        if (status != ParseStatus.Command)
        {
            return status;
        }

        if (n is < 1 or > MaxArguments)
        {
            error = "Protocol error: invalid multibulk length";
            return ParseStatus.Invalid;
        }

        if (args.Length < n)
        {
            Array.Resize(ref args, (int)n);
        }

        for (int i = 0; i < n; i++)
        {
            if (!reader.TryRead(out byte marker))
            {
                return ParseStatus.Incomplete;
            }

            if (marker != (byte)'$')
            {
                error = $"Protocol error: expected '$', got '{Printable(marker)}'";
                return ParseStatus.Invalid;
            }

            status = TryReadInteger(ref reader, out long length, out error);
            if (status != ParseStatus.Command)
            {
                return status;
            }

            // Negative lengths ($-1 is a null reply) have no meaning in a request; the cap keeps one request from
            // holding more than a value's worth of pipe memory.
            if (length is < 0 or > RespServerApp.MaxValueBytes)
            {
                error = "Protocol error: invalid bulk length";
                return ParseStatus.Invalid;
            }

            if (reader.Remaining < length + 2)
            {
                return ParseStatus.Incomplete;
            }

            args[i] = reader.UnreadSequence.Slice(0, length);
            reader.Advance(length);
            if (!reader.IsNext("\r\n"u8, advancePast: true))
            {
                error = "Protocol error: expected CRLF after a bulk string";
                return ParseStatus.Invalid;
            }
        }

        count = (int)n;
        return ParseStatus.Command;
    }

    /// <summary>Writes <c>$length\r\n</c>.</summary>
    public static void WriteBulkHeader(IBufferWriter<byte> output, int length) => WriteNumberLine(output, (byte)'$', length);

    /// <summary>Writes <paramref name="value"/> as a bulk string.</summary>
    public static void WriteBulk(IBufferWriter<byte> output, in ReadOnlySequence<byte> value)
    {
        WriteBulkHeader(output, (int)value.Length);
        foreach (ReadOnlyMemory<byte> segment in value)
        {
            output.Write(segment.Span);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>Writes <c>:value\r\n</c>.</summary>
    public static void WriteInteger(IBufferWriter<byte> output, long value) => WriteNumberLine(output, (byte)':', value);

    // A RESP line of a type byte, a decimal number and CRLF: bulk headers, integers.
    private static void WriteNumberLine(IBufferWriter<byte> output, byte type, long value)
    {
        Span<byte> span = output.GetSpan(24);
        span[0] = type;
        Utf8Formatter.TryFormat(value, span[1..], out int written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(3 + written);
    }

    /// <summary>Writes <c>-ERR message\r\n</c>; the message must hold no CR or LF.</summary>
    public static void WriteError(IBufferWriter<byte> output, string message)
    {
        output.Write("-ERR "u8);
        Span<byte> span = output.GetSpan(message.Length);
        int written = System.Text.Encoding.ASCII.GetBytes(message, span);
        output.Advance(written);
        output.Write("\r\n"u8);
    }

    /// <summary>Text safe to put in an error line: printable ASCII, at most 64 characters.</summary>
    public static string Printable(in ReadOnlySequence<byte> bytes)
    {
        Span<byte> head = stackalloc byte[(int)Math.Min(64, bytes.Length)];
        bytes.Slice(0, head.Length).CopyTo(head);
        return string.Create(head.Length, head.ToArray(), static (chars, b) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Printable(b[i]);
            }
        });
    }

    private static char Printable(byte b) => b is >= 0x20 and < 0x7f ? (char)b : '?';

    /// <summary>Reads a decimal integer ended by CRLF, as RESP writes lengths.</summary>
    private static ParseStatus TryReadInteger(ref SequenceReader<byte> reader, out long value, out string? error)
    {
        value = 0;
        error = null;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            // A length is at most 20 characters: a longer run without CRLF is not a length, however long we wait.
            if (reader.Remaining > 21)
            {
                error = "Protocol error: invalid length";
                return ParseStatus.Invalid;
            }

            return ParseStatus.Incomplete;
        }

        Span<byte> digits = stackalloc byte[21];
        if (line.Length is 0 or > 20)
        {
            error = "Protocol error: invalid length";
            return ParseStatus.Invalid;
        }

        line.CopyTo(digits);
        if (!Utf8Parser.TryParse(digits[..(int)line.Length], out value, out int consumed) || consumed != line.Length)
        {
            error = "Protocol error: invalid length";
            return ParseStatus.Invalid;
        }

        return ParseStatus.Command;
    }

    private static ParseStatus TryParseInline(ref SequenceReader<byte> reader, ref ReadOnlySequence<byte>[] args, ref byte[] inline, out int count, out string? error)
    {
        count = 0;
        error = null;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (reader.Remaining > MaxInlineBytes)
            {
                error = "Protocol error: too big inline request";
                return ParseStatus.Invalid;
            }

            return ParseStatus.Incomplete;
        }

        if (line.Length > MaxInlineBytes)
        {
            error = "Protocol error: too big inline request";
            return ParseStatus.Invalid;
        }

        // Inline commands are short: copy the line into the connection's buffer and split it on spaces there.
        if (inline.Length < line.Length)
        {
            inline = new byte[Math.Max((int)line.Length, 2 * inline.Length)];
        }

        line.CopyTo(inline);
        var words = new ReadOnlyMemory<byte>(inline, 0, (int)line.Length);
        if (!words.IsEmpty && words.Span[^1] == (byte)'\r')
        {
            words = words[..^1];
        }

        while (!words.IsEmpty)
        {
            int space = words.Span.IndexOf((byte)' ');
            ReadOnlyMemory<byte> word = space < 0 ? words : words[..space];
            words = space < 0 ? default : words[(space + 1)..];
            if (word.IsEmpty)
            {
                continue;
            }

            if (count == MaxArguments)
            {
                error = "Protocol error: too many arguments";
                return ParseStatus.Invalid;
            }

            if (count == args.Length)
            {
                Array.Resize(ref args, args.Length * 2);
            }

            args[count++] = new ReadOnlySequence<byte>(word);
        }

        return ParseStatus.Command;
    }
}
