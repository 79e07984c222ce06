using BufferPool.Leases;

namespace BufferPool.Tests.Leases;

/// <summary>
/// The rented flag of a reusable lease, on its own: one winning <c>TryDispose</c> per rent (the one that gives the slot
/// back), every later one ignored, <c>Guard</c> throwing once the lease is returned, and, for a guarded rent, exactly
/// one winner however many threads race.
/// </summary>
public sealed class LeaseGuardTests
{
    private static readonly Memory<byte> Slot = new byte[64].AsMemory(16, 32);

    [Fact]
    public void ANeverRentedGuard_IsReturned_ItsGuardThrows_AndNoDisposeWins()
    {
        var guard = default(LeaseGuard);

        Assert.Throws<ObjectDisposedException>(() => guard.Guard(Slot));
        Assert.False(guard.TryDispose());
        Assert.False(guard.TryDispose());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARentedGuard_HandsBackTheSameMemory_UntilItIsDisposed(bool trusted)
    {
        var guard = default(LeaseGuard);
        guard.OnRent(trusted);

        Memory<byte> guarded = guard.Guard(Slot);
        Assert.True(guarded.Equals(Slot), "Guard returns the memory it was given, same array, offset and length");
        Assert.True(guard.Guard(Slot).Equals(Slot), "Guard does not change the state: a second read works too");
        Assert.True(guard.TryDispose());
        Assert.Throws<ObjectDisposedException>(() => guard.Guard(Slot));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFirstDispose_Wins_EveryLaterOneIsIgnored_AndGuardThenThrows(bool trusted)
    {
        var guard = default(LeaseGuard);
        guard.OnRent(trusted);

        Assert.True(guard.TryDispose());
        Assert.False(guard.TryDispose());
        Assert.False(guard.TryDispose());
        var ex = Assert.Throws<ObjectDisposedException>(() => guard.Guard(Slot));
        Assert.Contains("returned to the pool", ex.Message);
    }

    [Fact]
    public void RentingAgain_RearmsTheGuard_InEitherTrustLevel()
    {
        var guard = default(LeaseGuard);
        foreach (bool trusted in new[] { false, true, true, false, false })
        {
            guard.OnRent(trusted);
            Assert.True(guard.Guard(Slot).Equals(Slot));
            Assert.True(guard.TryDispose());
            Assert.False(guard.TryDispose());
            Assert.Throws<ObjectDisposedException>(() => guard.Guard(Slot));
        }
    }

    [Fact]
    public void AStaleDispose_AfterTheSlotWasRentedAgain_CannotBeToldFromTheNewOwners()
    {
        // The documented limit of a reused lease: the flag belongs to the slot, not to one rent. What catches this case
        // is an owner object per rent (PerRent, sampling, diagnostics mode), not the guard.
        var guard = default(LeaseGuard);
        guard.OnRent(trusted: false);
        Assert.True(guard.TryDispose());
        guard.OnRent(trusted: false);

        Assert.True(guard.TryDispose(), "the stale owner's dispose is taken for the new owner's");
        Assert.False(guard.TryDispose(), "so the new owner's own dispose is the one ignored");
    }

    [Fact]
    public void RacingDisposes_OfGuardedRents_HaveExactlyOneWinnerEach()
    {
        // Every round rents a few thousand guards and lets all the racers dispose every one of them, in the same
        // order, at once: the racers run over the same cache lines in near lockstep, so most guards see a real race.
        const int Rounds = 100, Guards = 4096;
        int threads = Math.Max(4, Environment.ProcessorCount);
        var guards = new LeaseGuard[Guards];
        int[][] wins = [.. Enumerable.Range(0, threads).Select(_ => new int[Guards])];
        int round = 0, arrived = 0;
        bool stop = false;

        void Racer(int me)
        {
            int[] mine = wins[me];
            for (int r = 1; r <= Rounds; r++)
            {
                var spinner = default(SpinWait);
                while (Volatile.Read(ref round) != r)
                {
                    if (Volatile.Read(ref stop))
                    {
                        return;
                    }

                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                for (int g = 0; g < Guards; g++)
                {
                    if (guards[g].TryDispose())
                    {
                        mine[g]++;
                    }
                }

                Interlocked.Increment(ref arrived);
            }
        }

        Thread[] racers = [.. Enumerable.Range(0, threads).Select(t => new Thread(() => Racer(t)) { IsBackground = true })];
        Array.ForEach(racers, racer => racer.Start());
        DateTime deadline = DateTime.UtcNow + TestTimeouts.Concurrent;
        try
        {
            for (int r = 1; r <= Rounds; r++)
            {
                for (int g = 0; g < Guards; g++)
                {
                    guards[g].OnRent(trusted: false);
                }

                Volatile.Write(ref round, r);
                var spinner = default(SpinWait);
                while (Volatile.Read(ref arrived) != threads * r)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"round {r}: the racers did not all arrive");
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                // The racers are parked until the next round: each guard has had exactly one winner in every round so far.
                int[] wrong = [.. Enumerable.Range(0, Guards).Where(g => wins.Sum(w => w[g]) != r)];
                Assert.True(wrong.Length == 0, $"round {r}: {wrong.Length} of {Guards} guards did not have exactly one winner; guard {wrong.FirstOrDefault()} has {(wrong.Length > 0 ? wins.Sum(w => w[wrong[0]]) : 0)} wins in {r} rounds");

                // And each is returned: its Guard throws.
                Assert.All(new[] { 0, Guards / 2, Guards - 1 }, g => Assert.Throws<ObjectDisposedException>(() => guards[g].Guard(Slot)));
            }
        }
        finally
        {
            // A failed round would leave the racers waiting for the next one: let them go.
            Volatile.Write(ref stop, true);
        }

        Assert.All(racers, racer => Assert.True(racer.Join(TestTimeouts.Concurrent)));
        Assert.Equal((long)Rounds * Guards, wins.Sum(w => w.Sum(x => (long)x)));
        Assert.All(guards, guard => Assert.False(guard.TryDispose()));
    }
}
