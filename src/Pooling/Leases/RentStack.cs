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
    private static readonly Assembly PoolAssembly = typeof(RentStack).Assembly;

    /// <summary>Frames only; resolving them to text is left to <see cref="Render"/>, which runs only when reporting.</summary>
    public static StackTrace Capture() => new(fNeedFileInfo: false);

    /// <summary>The stack as text, starting at the first frame outside this assembly: the code that rented.</summary>
    public static string Render(StackTrace stack)
    {
        StackFrame[] frames = stack.GetFrames();
        int first = 0;
        while (first < frames.Length && frames[first].GetMethod()?.Module.Assembly == PoolAssembly)
        {
            first++;
        }

        // A rent made from inside this assembly (none today) would leave nothing; show the whole stack then.
        return first == frames.Length ? stack.ToString() : new StackTrace(frames[first..]).ToString();
    }
}
