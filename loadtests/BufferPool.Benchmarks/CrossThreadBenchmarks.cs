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
/// <para>Both threads want a core each, so run it on a machine with at least two cores; a waiting side spins
/// briefly and then blocks (see <see cref="Handoff"/>), so an oversubscribed machine slows every row alike rather
/// than measuring the scheduler; compare the ratios, measured side by side in one run. The memory diagnoser counts every thread's
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

    /// <summary>
    /// The floor: the same hand-off of one preallocated object whose <c>Dispose</c> does nothing. What a pool row costs
    /// above this is the pool's; on an oversubscribed machine this row shows how much of every row is the scheduler.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Operations, Description = "hand-off alone (no pool)")]
    public void HandoffAlone()
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(NoopOwner.Instance);
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

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, RentReused")]
    public void SmallBlockTrusted() => RunReused(_pools.SmallBlock);

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool")]
    public void Bitmap() => Run(_pools.Bitmap);

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool, RentReused")]
    public void BitmapTrusted() => RunReused(_pools.Bitmap);

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

    // What hosting's view rents for Kestrel's transport.
    private void RunReused(BufferMemoryPool pool)
    {
        Handoff handoff = _handoff;
        for (int i = 0; i < Operations; i += Batch)
        {
            for (int j = 0; j < Batch; j++)
            {
                handoff.Add(pool.RentReused(Size));
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
    /// <para>Ordering: the producer writes the slots, then publishes its tail with a release store; the consumer reads
    /// the tail with an acquire load, so it sees those slot writes. The consumer clears the slots it took, then
    /// publishes its head with a release store; the producer reads the head with an acquire load before it reuses a
    /// slot.</para>
    /// <para>A side that must wait spins briefly, then blocks on an event, so that on a machine with more runnable
    /// threads than cores the waiting thread gives its core to the other one instead of spinning out its time slice
    /// (which made the first version of this benchmark measure the scheduler). No wake-up is lost: the sleeper raises
    /// its flag with an interlocked exchange (a full fence) and then re-reads the index it waits on; the waker writes
    /// that index, issues a full fence and then reads the flag, so one of the two sees the other's write.</para>
    /// </remarks>
    private sealed class Handoff
    {
        private const int SpinsBeforeBlocking = 50;

        private readonly object?[] _ring;
        private readonly int _mask;
        private readonly Thread _consumer;
        private readonly ManualResetEventSlim _itemsReady = new(false, spinCount: 0);
        private readonly ManualResetEventSlim _spaceReady = new(false, spinCount: 0);
        private long _tail;            // producer only
        private PaddedLong _published; // producer writes, consumer reads
        private PaddedLong _head;      // consumer writes, producer reads
        private int _consumerSleeping;
        private int _producerSleeping;
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
            if (_tail - Volatile.Read(ref _head.Value) >= _ring.Length)
            {
                // Full: let the consumer catch up (it sees everything published so far).
                Publish();
                WaitForHead(_tail - _ring.Length + 1);
            }

            _ring[_tail & _mask] = item;
            _tail++;
        }

        public void Publish()
        {
            Volatile.Write(ref _published.Value, _tail);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _consumerSleeping) != 0)
            {
                _itemsReady.Set();
            }
        }

        public void WaitUntilDrained()
        {
            Publish();
            WaitForHead(_tail);
        }

        public void Stop()
        {
            _stop = true;
            _itemsReady.Set();
            _consumer.Join();
        }

        private void WaitForHead(long atLeast)
        {
            SpinWait spinner = default;
            while (Volatile.Read(ref _head.Value) < atLeast)
            {
                if (spinner.Count < SpinsBeforeBlocking)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                Interlocked.Exchange(ref _producerSleeping, 1);
                if (Volatile.Read(ref _head.Value) < atLeast)
                {
                    _spaceReady.Wait();
                }

                _spaceReady.Reset();
                Volatile.Write(ref _producerSleeping, 0);
            }
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
                    if (spinner.Count < SpinsBeforeBlocking)
                    {
                        spinner.SpinOnce(sleep1Threshold: -1);
                        continue;
                    }

                    Interlocked.Exchange(ref _consumerSleeping, 1);
                    if (Volatile.Read(ref _published.Value) == head && !_stop)
                    {
                        _itemsReady.Wait();
                    }

                    _itemsReady.Reset();
                    Volatile.Write(ref _consumerSleeping, 0);
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
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _producerSleeping) != 0)
                {
                    _spaceReady.Set();
                }
            }
        }
    }

    private sealed class NoopOwner : IDisposable
    {
        public static readonly NoopOwner Instance = new();

        public void Dispose()
        {
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
