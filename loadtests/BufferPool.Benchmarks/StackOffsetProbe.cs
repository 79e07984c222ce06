using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks;

/// <summary>
/// Whether a thread's speed depends on where its stack sits: <c>--stack-probe small-block|bitmap</c> times
/// <c>Rent(4096)</c> + <c>Dispose</c> through the factory's pool and <see cref="ArrayPool{T}.Shared"/>'s Rent + Return
/// on the main thread with the measuring frame moved down by 0, 16, 32 … 4080 bytes (a <c>stackalloc</c> in the caller),
/// in several passes, and prints each offset's median with the measuring frame's address modulo 4 KiB. If a thread's slow
/// state came from where its stack falls modulo 4 KiB (a load that the core takes for a read of an earlier store to the
/// stack: 4 KiB aliasing), some offsets are slow in every pass and the rest fast. Not a benchmark: a Stopwatch loop.
/// </summary>
internal static class StackOffsetProbe
{
    private const int Step = 16;
    private const int Offsets = 4096 / Step;
    private const int Operations = 400_000;
    private const int Passes = 5;

    public static async Task RunAsync(string kind)
    {
        (MemoryPool<byte> pool, IAsyncDisposable host) = FactoryPool.Create(kind);

        ProbeRows.WarmUp(pool);

        var pooled = new double[Offsets, Passes];
        var shared = new double[Offsets, Passes];
        var frame = new long[Offsets];
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int k = 0; k < Offsets; k++)
            {
                (pooled[k, pass], shared[k, pass], frame[k]) = AtDepth(pool, k * Step, (k + pass) % 2 == 0);
            }
        }

        Console.WriteLine($"{kind}: offset, frame mod 4096, pool ns (median of {Passes}, low-high), ArrayPool<byte>.Shared ns");
        for (int k = 0; k < Offsets; k++)
        {
            Console.WriteLine($"{k * Step,5} {frame[k],5} | {ProbeRows.Summary(pooled, k)} | {ProbeRows.Summary(shared, k)}");
        }

        pool.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>Measures with the callee's frame <paramref name="bytes"/> lower on the stack than at offset 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Pool, double Shared, long Frame) AtDepth(MemoryPool<byte> pool, int bytes, bool poolFirst)
    {
        Span<byte> pad = stackalloc byte[bytes + 1];
        pad[bytes] = 1;
        return Measure(pool, poolFirst, pad[bytes]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe (double Pool, double Shared, long Frame) Measure(MemoryPool<byte> pool, bool poolFirst, byte marker)
    {
        byte local = marker;
        long frame = (long)(nuint)(&local) % 4096;
        double pooled = 0;
        double shared = 0;
        for (int half = 0; half < 2; half++)
        {
            long start = Stopwatch.GetTimestamp();
            if ((half == 0) == poolFirst)
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

        return (pooled, shared, frame);
    }
}
