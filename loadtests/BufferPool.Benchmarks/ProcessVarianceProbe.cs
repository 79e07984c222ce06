using System.Buffers;
using System.Diagnostics;

namespace BufferPool.Benchmarks;

/// <summary>
/// Why one process measures a pool at 9 ns and the next at 14: <c>--process-probe small-block|bitmap</c> times
/// <c>Rent(4096)</c> + <c>Dispose</c> through the factory's pool and <see cref="ArrayPool{T}.Shared"/>'s Rent + Return in
/// the same process, on the main thread (where BenchmarkDotNet measures) and on three threads started for the purpose,
/// the four taking turns round by round, and prints each thread's median and range. Run it in many processes (and with
/// <c>setarch -R</c> and environments of different sizes, which move the main thread's stack) to see whether a slow
/// process is slow for one pool or for everything, and on which threads (docs/benchmarks.md, host B). Not a benchmark:
/// a Stopwatch loop, one line per process.
/// </summary>
internal static class ProcessVarianceProbe
{
    private const int Operations = 2_000_000;
    private const int Rounds = 9;

    public static async Task RunAsync(string kind)
    {
        (MemoryPool<byte> pool, IAsyncDisposable host) = FactoryPool.Create(kind);

        ProbeRows.WarmUp(pool);

        // Four threads measured in turns, one round each at a time: the main thread and three started here, all alive
        // until the end. A slow period of the machine hits whichever thread runs then; a slow thread is slow in every round.
        const int threads = 4;
        var pooled = new double[threads, Rounds];
        var shared = new double[threads, Rounds];
        var turns = new SemaphoreSlim[threads];
        using var done = new SemaphoreSlim(0);
        var workers = new Thread[threads];
        int round = 0;
        for (int t = 1; t < threads; t++)
        {
            int index = t;
            turns[index] = new SemaphoreSlim(0);
            workers[index] = new Thread(() =>
            {
                FactoryLoop.Loop(pool, 200_000);
                ProbeRows.LoopShared(200_000);
                for (int r = 0; r < Rounds; r++)
                {
                    turns[index].Wait();
                    (pooled[index, round], shared[index, round]) = MeasureRound(pool, round);
                    done.Release();
                }
            });
            workers[index].Start();
        }

        for (round = 0; round < Rounds; round++)
        {
            (pooled[0, round], shared[0, round]) = MeasureRound(pool, round);
            for (int t = 1; t < threads; t++)
            {
                turns[t].Release();
                done.Wait();
            }
        }

        string line = $"{kind}:";
        for (int t = 0; t < threads; t++)
        {
            workers[t]?.Join();
            line += $" | {(t == 0 ? "main thread" : $"thread {t}")} {ProbeRows.Summary(pooled, t)}, ArrayPool<byte>.Shared {ProbeRows.Summary(shared, t)}";
        }

        Console.WriteLine(line);
        pool.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>One round of each, in an order that alternates from round to round.</summary>
    private static (double Pool, double Shared) MeasureRound(MemoryPool<byte> pool, int round)
    {
        double pooled = 0;
        double shared = 0;
        for (int half = 0; half < 2; half++)
        {
            long start = Stopwatch.GetTimestamp();
            if ((half + round) % 2 == 0)
            {
                FactoryLoop.Loop(pool, Operations);
                pooled = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Operations;
            }
            else
            {
                ProbeRows.LoopShared(Operations);
                shared = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Operations;
            }
        }

        return (pooled, shared);
    }
}
