using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.InteropServices;
using BufferPool.Diagnostics;
using BufferPool.Pools;
using BufferPool.Tests.Diagnostics;

namespace BufferPool.Tests.Pools;

/// <summary>
/// What a memory pool does once its budget stops growth, on its own: serve a fresh array and count it (its return
/// counted once), or refuse with <see cref="BufferPoolExhaustedException"/> and count nothing; either way report it
/// through the pool's <c>FallbackOccurred</c> and the <c>BudgetExhausted</c> event. Runs alone: the events are
/// process-wide.
/// </summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class UnpooledFallbackTests
{
    private const string Kind = "fallback-test";

    [Fact]
    public void Fallback_ServesAFreshArrayOfExactlyTheSize_AndCountsIt()
    {
        var counter = new FallbackCounter(new object());
        var fallback = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter);

        using IMemoryOwner<byte> first = fallback.Rent(1000);
        using IMemoryOwner<byte> second = fallback.Rent(4096);

        ArraySegment<byte> a = ArrayOf(first), b = ArrayOf(second);
        Assert.Equal((0, 1000, 1000), (a.Offset, a.Count, a.Array!.Length));
        Assert.Equal((0, 4096, 4096), (b.Offset, b.Count, b.Array!.Length));
        Assert.NotSame(a.Array, b.Array);
        Assert.Equal((2L, 0L, 5096L, 5096L), (counter.Count, counter.Returns, counter.BytesOut, counter.BytesTotal));
    }

    [Fact]
    public void Fallback_ReturnIsCountedOnce_AndTheMemoryIsGoneAfterIt()
    {
        var counter = new FallbackCounter(new object());
        var fallback = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter);
        IMemoryOwner<byte> lease = fallback.Rent(300);
        using IMemoryOwner<byte> other = fallback.Rent(200);

        lease.Dispose();
        Assert.Equal((2L, 1L, 200L, 500L), (counter.Count, counter.Returns, counter.BytesOut, counter.BytesTotal));

        lease.Dispose();
        Assert.Equal((2L, 1L, 200L, 500L), (counter.Count, counter.Returns, counter.BytesOut, counter.BytesTotal));
        Assert.Throws<ObjectDisposedException>(() => lease.Memory);
    }

    [Fact]
    public void Fallback_RacingDisposes_CountEachReturnOnce()
    {
        // Every round rents a batch and lets all the racers dispose every lease of it, in the same order, at once.
        const int Rounds = 50, Batch = 512, Size = 64;
        int threads = Math.Max(4, Environment.ProcessorCount);
        var counter = new FallbackCounter(new object());
        var fallback = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter);
        var leases = new IMemoryOwner<byte>[Batch];
        var failures = new ConcurrentQueue<Exception>();
        int round = 0, arrived = 0;
        bool stop = false;

        void Racer()
        {
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

                try
                {
                    foreach (IMemoryOwner<byte> lease in leases)
                    {
                        lease.Dispose();
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }

                Interlocked.Increment(ref arrived);
            }
        }

        Thread[] racers = [.. Enumerable.Range(0, threads).Select(_ => new Thread(Racer) { IsBackground = true })];
        Array.ForEach(racers, racer => racer.Start());
        DateTime deadline = DateTime.UtcNow + TestTimeouts.Concurrent;
        try
        {
            for (int r = 1; r <= Rounds; r++)
            {
                for (int i = 0; i < Batch; i++)
                {
                    leases[i] = fallback.Rent(Size);
                }

                Volatile.Write(ref round, r);
                var spinner = default(SpinWait);
                while (Volatile.Read(ref arrived) != threads * r)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"round {r}: the racers did not all arrive");
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                Assert.Equal((long)Batch * r, counter.Returns);
                Assert.Equal(0, counter.BytesOut);
            }
        }
        finally
        {
            // A failed round would leave the racers waiting for the next one: let them go.
            Volatile.Write(ref stop, true);
        }

        Assert.All(racers, racer => Assert.True(racer.Join(TestTimeouts.Concurrent)));
        Assert.Empty(failures);
        Assert.Equal(((long)Rounds * Batch, (long)Rounds * Batch, 0L, (long)Rounds * Batch * Size), (counter.Count, counter.Returns, counter.BytesOut, counter.BytesTotal));
    }

    [Fact]
    public void Fallback_RaisesFallbackOccurred_FromThePool_WithTheSizeAndTheRunningCount()
    {
        object pool = new();
        var counter = new FallbackCounter(pool);
        var seen = new List<(object? Sender, BufferPoolFallbackEventArgs Args)>();
        counter.Occurred.Add((sender, e) => seen.Add((sender, e)));
        var fallback = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter);

        using IMemoryOwner<byte> first = fallback.Rent(100);
        using IMemoryOwner<byte> second = fallback.Rent(200);

        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Same(pool, s.Sender));
        Assert.All(seen, s => Assert.Equal(BufferPoolFallbackReason.BudgetExhausted, s.Args.Reason));
        Assert.All(seen, s => Assert.False(s.Args.Refused));
        Assert.Equal([(100L, 1L), (200L, 2L)], seen.Select(s => (s.Args.Bytes, s.Args.FallbackCount)));
    }

    [Fact]
    public void Throw_RefusesTheRent_CountsNothing_AndReportsItAsRefused()
    {
        object pool = new();
        var counter = new FallbackCounter(pool);
        var seen = new List<BufferPoolFallbackEventArgs>();
        counter.Occurred.Add((_, e) => seen.Add(e));
        var fallback = new UnpooledFallback(Kind, PoolExhaustionBehavior.Throw, counter);

        var ex = Assert.Throws<BufferPoolExhaustedException>(() => fallback.Rent(777));
        Assert.Contains("777 bytes", ex.Message);
        Assert.Contains($"the {Kind} pool", ex.Message);
        Assert.Equal((0L, 0L, 0L, 0L), (counter.Count, counter.Returns, counter.BytesOut, counter.BytesTotal));

        BufferPoolFallbackEventArgs refused = Assert.Single(seen);
        Assert.True(refused.Refused);
        Assert.Equal(BufferPoolFallbackReason.BudgetExhausted, refused.Reason);
        Assert.Equal(777, refused.Bytes);
        Assert.Equal(0, refused.FallbackCount);
    }

    [Fact]
    public void Throw_ReportsTheFallbacksCountedSoFar_WithoutAddingItself()
    {
        var counter = new FallbackCounter(new object());
        var seen = new List<BufferPoolFallbackEventArgs>();
        counter.Occurred.Add((_, e) => seen.Add(e));
        using IMemoryOwner<byte> served = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter).Rent(10);
        var refusing = new UnpooledFallback(Kind, PoolExhaustionBehavior.Throw, counter);

        Assert.Throws<BufferPoolExhaustedException>(() => refusing.Rent(20));
        Assert.Throws<BufferPoolExhaustedException>(() => refusing.Rent(30));

        Assert.Equal([(false, 1L), (true, 1L), (true, 1L)], seen.Select(e => (e.Refused, e.FallbackCount)));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public void WithoutAHandler_BothBehaviours_StillCountAndThrowAsUsual()
    {
        var counter = new FallbackCounter(new object());
        Assert.Null(counter.Occurred.Raise);

        using IMemoryOwner<byte> served = new UnpooledFallback(Kind, PoolExhaustionBehavior.Fallback, counter).Rent(10);
        Assert.Throws<BufferPoolExhaustedException>(() => new UnpooledFallback(Kind, PoolExhaustionBehavior.Throw, counter).Rent(10));

        Assert.Equal(10, served.Memory.Length);
        Assert.Equal(1, counter.Count);
    }

    [Theory]
    [InlineData(PoolExhaustionBehavior.Fallback)]
    [InlineData(PoolExhaustionBehavior.Throw)]
    public void EveryRent_WritesBudgetExhausted_WithTheKindAndSize_ServedOrRefused(PoolExhaustionBehavior behavior)
    {
        using var listener = new BudgetListener();
        var fallback = new UnpooledFallback(Kind, behavior, new FallbackCounter(new object()));

        for (int size = 1; size <= 3; size++)
        {
            try
            {
                fallback.Rent(size * 100).Dispose();
            }
            catch (BufferPoolExhaustedException) when (behavior == PoolExhaustionBehavior.Throw)
            {
            }
        }

        Assert.Equal([100L, 200L, 300L], listener.Events
            .Where(e => e.EventName == "BudgetExhausted" && (string)e.Payload![0]! == Kind)
            .Select(e => (long)e.Payload![1]!));
    }

    private static ArraySegment<byte> ArrayOf(IMemoryOwner<byte> owner)
    {
        Assert.True(MemoryMarshal.TryGetArray<byte>(owner.Memory, out ArraySegment<byte> segment), "a fallback is array-backed");
        return segment;
    }

    /// <summary>An in-process listener for the BufferPool source's informational events, where BudgetExhausted is.</summary>
    private sealed class BudgetListener : EventListener
    {
        public ConcurrentQueue<EventWrittenEventArgs> Events { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == BufferPoolEventSource.EventSourceName)
            {
                EnableEvents(source, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e) => Events.Enqueue(e);
    }
}
