using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks;

/// <summary>What the Stopwatch probes (<see cref="ProcessVarianceProbe"/>, <see cref="StackOffsetProbe"/>) share.</summary>
internal static class ProbeRows
{
    /// <summary>
    /// Runs the pool's loop and <see cref="LoopShared"/> in rounds with pauses, past the tiering delay, so that every
    /// measured call afterwards runs the final (tier-1) code.
    /// </summary>
    public static void WarmUp(MemoryPool<byte> pool)
    {
        for (int warm = 0; warm < 60; warm++)
        {
            FactoryLoop.Loop(pool, 50_000);
            LoopShared(50_000);
            Thread.Sleep(30);
        }
    }

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
