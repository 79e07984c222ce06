using System.Buffers;

namespace BufferPool.Benchmarks;

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
internal sealed class Handoff
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
        _consumer = new Thread(Consume) { IsBackground = true, Name = "Handoff consumer" };
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
