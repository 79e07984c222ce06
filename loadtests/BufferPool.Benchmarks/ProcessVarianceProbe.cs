using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks;

/// <summary>
/// Why one process measures a pool at 9 ns and the next at 14: <c>--process-probe small-block|bitmap</c> times
/// <c>Rent(4096)</c> + <c>Dispose</c> through the factory's pool and <see cref="ArrayPool{T}.Shared"/>'s Rent + Return in
/// the same process, first on the main thread (where BenchmarkDotNet measures) and then on three threads started for
/// the purpose, and prints the medians. Run it in many processes (and with <c>setarch -R</c> and environments of
/// different sizes, which move the main thread's stack) to see whether a slow process is slow for one pool or for
/// everything, and on which threads (docs/benchmarks.md, host B). Not a benchmark: a Stopwatch loop, one line per process.
/// </summary>
internal static class ProcessVarianceProbe
{
    private const int Operations = 2_000_000;
    private const int Rounds = 9;

    public static async Task RunAsync(string kind)
    {
        (MemoryPool<byte> pool, IAsyncDisposable host) = FactoryPool.Create(kind);

        // Rounds with pauses, past the tiering delay, so that every measured round runs the final (tier-1) code.
        for (int round = 0; round < 60; round++)
        {
            Loop(pool, 50_000);
            LoopShared(50_000);
            Thread.Sleep(30);
        }

        (double mainPool, double mainShared) = Measure(pool);
        string line = $"{kind}: main thread {mainPool:F2} ns, ArrayPool<byte>.Shared {mainShared:F2} ns";
        for (int t = 0; t < 3; t++)
        {
            (double threadPool, double threadShared) = (0, 0);
            var thread = new Thread(() =>
            {
                Loop(pool, 200_000);
                LoopShared(200_000);
                (threadPool, threadShared) = Measure(pool);
            });
            thread.Start();
            thread.Join();
            line += $" | thread {t + 1} {threadPool:F2} ns, ArrayPool<byte>.Shared {threadShared:F2} ns";
        }

        Console.WriteLine(line);
        pool.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>The median over <see cref="Rounds"/> rounds of each, the two taking turns.</summary>
    private static (double Pool, double Shared) Measure(MemoryPool<byte> pool)
    {
        var pooled = new double[Rounds];
        var shared = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            Loop(pool, Operations);
            pooled[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Operations;
            start = Stopwatch.GetTimestamp();
            LoopShared(Operations);
            shared[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Operations;
        }

        Array.Sort(pooled);
        Array.Sort(shared);
        return (pooled[Rounds / 2], shared[Rounds / 2]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Loop(MemoryPool<byte> pool, int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            pool.Rent(4096).Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoopShared(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(4096));
        }
    }
}
