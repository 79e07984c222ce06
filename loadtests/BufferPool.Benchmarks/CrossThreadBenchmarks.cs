using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// Rent on one thread, give back on another: Kestrel's pattern, where the socket loop rents the receive segments and
/// the application's pipe reader returns them. The benchmark thread rents 4096 bytes at a time and hands each buffer
/// through a single-producer, single-consumer ring to a dedicated consumer thread, which disposes (or returns) it.
/// </summary>
/// <remarks>
/// <para>One invoke rents <see cref="Operations"/> buffers and waits until the consumer has given every one back, so
/// the time per operation is the pipeline's throughput: one rent on the producer plus one return on the consumer, as
/// the slower of the two threads sets it, and their contention on the pool's shared state. The ring publishes its
/// indices once per <see cref="Batch"/> items, so the hand-off itself costs a few cache-line transfers per batch,
/// the same for every pool; at most <see cref="Capacity"/> buffers are in flight, as on a busy connection.</para>
/// <para>Both threads keep a core each (the consumer spins while it waits, yielding, never sleeping, so a
/// half-full ring never stalls for a scheduler tick), so run it on a machine with at least two cores; on a shared
/// one, compare the ratios, measured side by side in one run. The memory diagnoser counts every thread's
/// allocations (BenchmarkDotNet reads <see cref="GC.GetTotalAllocatedBytes(bool)"/>), the consumer's included.</para>
/// </remarks>
[MemoryDiagnoser]
public class CrossThreadBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 16384;
    private const int Batch = 32;
    private const int Capacity = 256;

    private BenchmarkPools _pools = null!;
    private Handoff _handoff = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pools = new BenchmarkPools();
        _handoff = new Handoff(Capacity);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _handoff.Stop();
        await _pools.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(ArrayPool<byte>.Shared.Rent(Size));
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => Run(MemoryPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Operations, Description = "Kestrel PinnedBlockMemoryPool")]
    public void Kestrel() => Run(_pools.Kestrel);

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool")]
    public void SmallBlock() => Run(_pools.SmallBlock);

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool")]
    public void Bitmap() => Run(_pools.Bitmap);

    private void Run(MemoryPool<byte> pool)
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(pool.Rent(Size));
            }

            handoff.Publish();
        }

        handoff.WaitUntilDrained();
    }

    /// <summary>
    /// A bounded single-producer, single-consumer ring with its own consumer thread, which returns each item to its
    /// pool: an array to <see cref="ArrayPool{T}.Shared"/>, anything else through <see cref="IDisposable.Dispose"/>
    /// (an interface call, as a pipe makes on its segments' owners).
    /// </summary>
    /// <remarks>
    /// Ordering: the producer writes the slots, then publishes its tail with a release store; the consumer reads the
    /// tail with an acquire load, so it sees those slot writes. The consumer clears the slots it took, then publishes its
    /// head with a release store; the producer reads the head with an acquire load before it reuses a slot.
    /// </remarks>
    private sealed class Handoff
    {
        private readonly object?[] _ring;
        private readonly int _mask;
        private readonly Thread _consumer;
        private long _tail;          // producer only
        private PaddedLong _published; // producer writes, consumer reads
        private PaddedLong _head;      // consumer writes, producer reads
        private volatile bool _stop;

        public Handoff(int capacity)
        {
            _ring = new object?[capacity];
            _mask = capacity - 1;
            _consumer = new Thread(Consume) { IsBackground = true, Name = "CrossThreadBenchmarks consumer" };
            _consumer.Start();
        }

        public void Add(object item)
        {
            // Full: let the consumer catch up (it sees everything published so far).
            if (_tail - Volatile.Read(ref _head.Value) >= _ring.Length)
            {
                Publish();
                SpinWait spinner = default;
                while (_tail - Volatile.Read(ref _head.Value) >= _ring.Length)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }

            _ring[_tail & _mask] = item;
            _tail++;
        }

        public void Publish() => Volatile.Write(ref _published.Value, _tail);

        public void WaitUntilDrained()
        {
            Publish();
            SpinWait spinner = default;
            while (Volatile.Read(ref _head.Value) != _tail)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public void Stop()
        {
            _stop = true;
            _consumer.Join();
        }

        private void Consume()
        {
            long head = 0;
            SpinWait spinner = default;
            while (!_stop)
            {
                long tail = Volatile.Read(ref _published.Value);
                if (tail == head)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                spinner.Reset();
                for (; head < tail; head++)
                {
                    ref object? slot = ref _ring[head & _mask];
                    object item = slot!;
                    slot = null;
                    if (item is byte[] array)
                    {
                        ArrayPool<byte>.Shared.Return(array);
                    }
                    else
                    {
                        ((IDisposable)item).Dispose();
                    }
                }

                Volatile.Write(ref _head.Value, head);
            }
        }
    }

    // Keeps the two published indices on cache lines of their own, so the threads share only what they must.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long Value;
    }
}
