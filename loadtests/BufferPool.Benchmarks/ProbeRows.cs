using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks;

/// <summary>What the Stopwatch probes (<see cref="ProcessVarianceProbe"/>, <see cref="StackOffsetProbe"/>) share.</summary>
internal static class ProbeRows
{
    /// <summary>One row of <paramref name="values"/> (a thread's rounds, an offset's passes) as "median (lowest-highest)" in ns.</summary>
    public static string Summary(double[,] values, int row)
    {
        var sorted = new double[values.GetLength(1)];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[row, i];
        }

        Array.Sort(sorted);
        return $"{sorted[sorted.Length / 2]:F2} ns ({sorted[0]:F2}-{sorted[^1]:F2})";
    }

    /// <summary><paramref name="operations"/> times <see cref="ArrayPool{T}.Shared"/>'s <c>Rent(4096)</c> and <c>Return</c>, the probes' baseline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LoopShared(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(4096));
        }
    }
}
