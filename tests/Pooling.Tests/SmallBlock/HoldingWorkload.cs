using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests;

/// <summary>What <see cref="HoldingWorkload.RunAsync"/> saw.</summary>
internal sealed record HoldingWorkloadResult(long Rents, long Exhausted, IReadOnlyCollection<string> Failures);

/// <summary>
/// Threads that each hold at most a fixed number of leases: every step returns the lease in a random slot (after
/// checking its stamp) and rents a new one of a random size into it. The bound on what a thread holds is what
/// lets a test reason about how much of a budget can be in use at once.
/// </summary>
internal static class HoldingWorkload
{
    /// <param name="pool">The pool under test.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="heldPerThread">Leases each thread holds at most, the one being rented included.</param>
    /// <param name="sizes">The sizes rented, picked at random.</param>
    /// <param name="duration">How long the workers run.</param>
    /// <param name="background">Run in a loop on one more thread while the workers run (a trimmer), or null.</param>
    public static async Task<HoldingWorkloadResult> RunAsync(
        MemoryPool<byte> pool, int threads, int heldPerThread, int[] sizes, TimeSpan duration, Action? background = null)
    {
        var failures = new ConcurrentQueue<string>();
        long rents = 0, exhausted = 0;
        int stop = 0;

        void Release(IMemoryOwner<byte> owner, int stamp)
        {
            // A buffer handed to two renters at once carries the other renter's stamp here.
            int broken = MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp);
            if (broken >= 0)
            {
                failures.Enqueue($"stamp {stamp:x8} overwritten at int {broken}");
            }

            owner.Dispose();
        }

        void Worker(int id)
        {
            var random = new Random(id);
            var held = new (IMemoryOwner<byte>? Owner, int Stamp)[heldPerThread];
            var clock = Stopwatch.StartNew();
            for (int i = 0; clock.Elapsed < duration; i++)
            {
                int at = random.Next(heldPerThread);
                if (held[at].Owner is { } old)
                {
                    Release(old, held[at].Stamp);
                    held[at] = default;
                }

                int size = sizes[random.Next(sizes.Length)];
                IMemoryOwner<byte> owner;
                try
                {
                    owner = pool.Rent(size);
                }
                catch (BufferPoolExhaustedException)
                {
                    Interlocked.Increment(ref exhausted);
                    continue;
                }

                Interlocked.Increment(ref rents);
                if (owner.Memory.Length < size)
                {
                    failures.Enqueue($"asked for {size} bytes, got {owner.Memory.Length}");
                }

                int stamp = (id << 24) | (i & 0xFFFFFF);
                MemoryRegions.Stamp(owner.Memory.Span, stamp);
                held[at] = (owner, stamp);
            }

            foreach ((IMemoryOwner<byte>? owner, int stamp) in held)
            {
                if (owner is not null)
                {
                    Release(owner, stamp);
                }
            }
        }

        Thread? helper = null;
        if (background is not null)
        {
            helper = new Thread(() =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    background();
                    Thread.Yield();
                }
            }) { IsBackground = true };
            helper.Start();
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(1, threads).Select(id => Task.Factory.StartNew(() => Worker(id), TaskCreationOptions.LongRunning)))
                .WaitAsync(TestTimeouts.Concurrent);
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            helper?.Join();
        }

        return new HoldingWorkloadResult(rents, exhausted, failures);
    }
}
