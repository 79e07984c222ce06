using System.Buffers;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// What the host charges for two primitives the pools differ by, beside <see cref="ArrayPool{T}.Shared"/>'s Rent and
/// Return, so that a run's ratios can be read against its machine. Kestrel's pool rents and returns through a shared
/// <c>ConcurrentQueue</c>, an interlocked compare-exchange on each side, while BufferPool's factory path takes none and
/// reads a thread-static on each side instead; a host that prices the two differently may move the ratio between them.
/// Each row includes its loop and loads, so it bounds the primitive's cost from above.
/// </summary>
[MemoryDiagnoser]
public class HostProfileBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 1024;

    [ThreadStatic]
    private static object? t_value;

    private readonly Counters _counters = new();

    [GlobalSetup]
    public void Setup() => t_value = new object();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(Size));
        }
    }

    /// <summary>Two uncontended <c>lock cmpxchg</c> on two cache lines of this thread's, as a queue's dequeue and enqueue.</summary>
    [Benchmark(OperationsPerInvoke = Operations, Description = "two uncontended lock cmpxchg")]
    public void TwoCompareExchanges()
    {
        Counters counters = _counters;
        for (int i = 0; i < Operations; i++)
        {
            long head = counters.Head.Value;
            Interlocked.CompareExchange(ref counters.Head.Value, head + 1, head);
            long tail = counters.Tail.Value;
            Interlocked.CompareExchange(ref counters.Tail.Value, tail + 1, tail);
        }
    }

    /// <summary>Two calls that each read a thread-static reference, as a rent and a dispose each make one read.</summary>
    [Benchmark(OperationsPerInvoke = Operations, Description = "two thread-static reads")]
    public object? TwoThreadStaticReads()
    {
        object? last = null;
        for (int i = 0; i < Operations; i++)
        {
            last = Read();
            last = Read() ?? last;
        }

        return last;
    }

    // Not inlined into the loop, so each read resolves the thread's storage again, as the pools' separate calls do.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? Read() => t_value;

    private sealed class Counters
    {
        public PaddedLong Head;
        public PaddedLong Tail;
    }
}
