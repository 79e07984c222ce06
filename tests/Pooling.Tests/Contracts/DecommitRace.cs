using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace BufferPool.Tests.Contracts;

/// <summary>What <see cref="DecommitRace.RunAsync"/> saw.</summary>
internal sealed record DecommitRaceResult(long Verified, long Decommits, IReadOnlyCollection<string> Failures);

/// <summary>
/// Threads rent, stamp, verify and return while a purger trims (decommitting idle memory) in a loop. Every rented range
/// is registered between its rent and its return, and the pool's decommit hook checks each range it is about to give
/// back against them: a block decommitted while rented is a failure even when its stamp would survive (zeros written
/// before the stamp), and a stamp that reads wrong (zeros after a decommit, or another renter's) is one too.
/// </summary>
internal static class DecommitRace
{
    /// <param name="pool">The pool under test.</param>
    /// <param name="hook">Installs the engine's decommit hook.</param>
    /// <param name="sizes">The sizes rented, picked at random.</param>
    /// <param name="held">Leases each worker holds at most; every 32 steps it returns them all, so superblocks empty.</param>
    /// <param name="duration">How long the workers run at least.</param>
    /// <param name="minDecommits">
    /// Decommits the purger must have made while the workers ran: past <paramref name="duration"/> they go on until it
    /// has, for at most ten times as long, so a busy machine (a CI run beside other builds) still tests the race.
    /// </param>
    public static async Task<DecommitRaceResult> RunAsync(BufferMemoryPool pool, Action<Action<byte[], int, int>> hook, int[] sizes, int held, TimeSpan duration, long minDecommits = 0)
    {
        long decommitsSeen = 0;
        var failures = new ConcurrentQueue<string>();
        var rented = new ConcurrentDictionary<(byte[] Array, int Offset), int>();
        long verified = 0;
        hook((array, offset, length) =>
        {
            Interlocked.Increment(ref decommitsSeen);
            foreach (KeyValuePair<(byte[] Array, int Offset), int> range in rented)
            {
                if (ReferenceEquals(range.Key.Array, array) && range.Key.Offset < offset + length && offset < range.Key.Offset + range.Value)
                {
                    failures.Enqueue($"[{offset}, +{length}) decommitted while [{range.Key.Offset}, +{range.Value}) was rented");
                }
            }
        });

        void Worker(int id)
        {
            var random = new Random(id);
            var leases = new (IMemoryOwner<byte>? Owner, int Stamp)[held];
            var clock = Stopwatch.StartNew();
            for (int i = 0; clock.Elapsed < duration || (Interlocked.Read(ref decommitsSeen) < minDecommits && clock.Elapsed < 10 * duration); i++)
            {
                if ((i & 31) == 31)
                {
                    ReleaseAll(leases);
                }

                int at = random.Next(leases.Length);
                if (leases[at].Owner is { } old)
                {
                    Release(old, leases[at].Stamp);
                }

                IMemoryOwner<byte> owner = pool.Rent(sizes[random.Next(sizes.Length)]);
                (byte[] array, int offset, int length) = MemoryRegions.Of(owner.Memory);
                Assert.True(rented.TryAdd((array, offset), length), "two live leases at one offset");
                int stamp = (id << 24) | (i & 0xFFFFFF);
                MemoryRegions.Stamp(owner.Memory.Span, stamp);
                leases[at] = (owner, stamp);

                // Yield now and then, so that on two cores the purger runs while stamps are out.
                if ((i & 7) == 0)
                {
                    Thread.Yield();
                }
            }

            ReleaseAll(leases);
        }

        void ReleaseAll((IMemoryOwner<byte>? Owner, int Stamp)[] leases)
        {
            for (int k = 0; k < leases.Length; k++)
            {
                if (leases[k].Owner is { } owner)
                {
                    Release(owner, leases[k].Stamp);
                    leases[k] = default;
                }
            }
        }

        void Release(IMemoryOwner<byte> owner, int stamp)
        {
            int broken = MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp);
            if (broken >= 0)
            {
                failures.Enqueue($"stamp {stamp:x8} broken at int {broken}: read {BitConverter.ToInt32(owner.Memory.Span.Slice(broken * 4, 4)):x8}");
            }

            Interlocked.Increment(ref verified);
            (byte[] array, int offset, _) = MemoryRegions.Of(owner.Memory);
            rented.TryRemove((array, offset), out _);
            owner.Dispose();
        }

        long decommitsBefore = pool.GetStatistics().DecommitCount;
        using (BackgroundLoop.Start(() => pool.Trim()))
        {
            await Task.WhenAll(Enumerable.Range(1, 6).Select(id => Task.Factory.StartNew(() => Worker(id), TaskCreationOptions.LongRunning)))
                .WaitAsync(TestTimeouts.Concurrent);
        }

        return new DecommitRaceResult(Interlocked.Read(ref verified), pool.GetStatistics().DecommitCount - decommitsBefore, failures);
    }
}
