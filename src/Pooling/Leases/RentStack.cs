using System.Diagnostics;
using System.Reflection;

namespace BufferPool.Leases;

/// <summary>
/// Where a lease was rented, for leak and misuse reports. The whole stack is captured and the pool's own frames are
/// dropped when it is rendered: a fixed skip count is wrong once the JIT inlines parts of the rent path (as tiered
/// compilation does in Release), and then it cut away the caller's frame instead.
/// </summary>
internal static class RentStack
{
    private static readonly string PoolAssembly = typeof(RentStack).Assembly.GetName().Name!;

    /// <summary>Frames only; resolving them to text is left to <see cref="Render"/>, which runs only when reporting.</summary>
    public static StackTrace Capture() => new(fNeedFileInfo: false);

    /// <summary>The stack as text, starting at the first frame outside this assembly: the code that rented.</summary>
    public static string Render(StackTrace stack)
    {
        StackFrame[] frames = stack.GetFrames();
        int first = 0;
        while (first < frames.Length && IsPoolFrame(frames[first]))
        {
            first++;
        }

        // A rent made from inside this assembly (none today) would leave nothing; show the whole stack then.
        return first == frames.Length ? stack.ToString() : new StackTrace(frames[first..]).ToString();
    }

    /// <summary>
    /// Whether the frame's method is in this assembly; read through <see cref="DiagnosticMethodInfo"/>, which, unlike
    /// <see cref="StackFrame.GetMethod"/>, needs no reflection metadata and so is safe when the app is trimmed. Where
    /// the method is unknown (native AOT without stack trace data) the frame is kept.
    /// </summary>
    private static bool IsPoolFrame(StackFrame frame) =>
        DiagnosticMethodInfo.Create(frame)?.DeclaringAssemblyName is string assembly && new AssemblyName(assembly).Name == PoolAssembly;
}
