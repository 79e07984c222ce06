using System.Buffers;
using System.Collections.Concurrent;

namespace BufferPool.Tests.Contracts;

internal sealed record TrimRaceResult(IReadOnlyCollection<string> Failures, int TrimPasses, long BytesTrimmed);

/// <summary>Multi-threaded workloads shared by the contract tests and the engine-specific tests.</summary>
internal static class ConcurrentWorkloads
{
    /// <summary>
    /// Two threads rent mixed sizes, stamp every lease, keep a random window of live leases and verify each stamp
    /// before returning it, while a third thread calls <paramref name="trim"/> in a loop.
    /// </summary>
    public static async Task<TrimRaceResult> RentReturnWhileTrimming(MemoryPool<byte> pool, Func<long> trim, int iterations = 30_000)
    {
        var failures = new ConcurrentQueue<string>();
        int maxSize = Math.Min(pool.MaxBufferSize, 64 * 1024);
        int passes = 0;
        long trimmed = 0;

        void Check(IMemoryOwner<byte> owner, int stamp)
        {
            if (MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp) >= 0)
            {
                failures.Enqueue($"stamp {stamp:x8} overwritten");
            }

            owner.Dispose();
        }

        void Worker(int seed)
        {
            var random = new Random(seed);
            var window = new Queue<(IMemoryOwner<byte> Owner, int Stamp)>();
            for (int i = 0; i < iterations; i++)
            {
                // Mixed sizes make blocks empty out and change class under the trimmer.
                int size = random.Next(3) == 0 ? random.Next(1, maxSize + 1) : random.Next(1, 2048);
                IMemoryOwner<byte> owner = pool.Rent(size);
                int stamp = (seed << 24) | i;
                MemoryRegions.Stamp(owner.Memory.Span, stamp);
                window.Enqueue((owner, stamp));
                if (window.Count > random.Next(1, 24))
                {
                    (IMemoryOwner<byte> o, int s) = window.Dequeue();
                    Check(o, s);
                }
            }

            while (window.TryDequeue(out var rest))
            {
                Check(rest.Owner, rest.Stamp);
            }
        }

        using (BackgroundLoop.Start(() =>
        {
            Interlocked.Add(ref trimmed, trim());
            Interlocked.Increment(ref passes);
        }))
        {
            await Task.WhenAll(
                Task.Factory.StartNew(() => Worker(1), TaskCreationOptions.LongRunning),
                Task.Factory.StartNew(() => Worker(2), TaskCreationOptions.LongRunning)).WaitAsync(TestTimeouts.Concurrent);
        }

        return new TrimRaceResult(failures, passes, trimmed);
    }

    /// <summary>
    /// Rents <paramref name="rounds"/> leases with <paramref name="rent"/>, and for each one releases two threads that
    /// spin on the round number, so both reach <c>Dispose</c> within nanoseconds of each other. Returns what the
    /// disposes threw.
    /// </summary>
    public static IReadOnlyCollection<Exception> RacingDisposes(Func<IMemoryOwner<byte>> rent, int rounds)
    {
        var failures = new ConcurrentQueue<Exception>();
        IMemoryOwner<byte>? current = null;
        int round = 0, arrived = 0;

        void Racer()
        {
            for (int r = 1; r <= rounds; r++)
            {
                var spinner = default(SpinWait);
                while (Volatile.Read(ref round) != r)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                try
                {
                    current!.Dispose();
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }

                Interlocked.Increment(ref arrived);
            }
        }

        var a = new Thread(Racer) { IsBackground = true };
        var b = new Thread(Racer) { IsBackground = true };
        a.Start();
        b.Start();
        for (int r = 1; r <= rounds; r++)
        {
            current = rent();
            Volatile.Write(ref round, r);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref arrived) != 2 * r)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        Assert.True(a.Join(TestTimeouts.Concurrent) && b.Join(TestTimeouts.Concurrent), "a racer did not finish");
        return failures;
    }
}
