using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using BufferPool.Diagnostics;

namespace BufferPool.Tests.Leases;

/// <summary>Pools of either kind with the lease settings under test, and the warnings they raise.</summary>
internal static class LeaseTestPools
{
    public static TheoryData<string> Kinds => new() { "small-block", "bitmap" };

    public static MemoryPool<byte> Create(string kind, LeaseMode mode, int sampleRate = 0, int threadCacheSize = 8) => kind == "bitmap"
        ? new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = mode, TrackingSampleRate = sampleRate, ThreadCacheSize = threadCacheSize })
        : new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = mode, TrackingSampleRate = sampleRate, ThreadCacheSize = threadCacheSize });

    public static BufferPoolStatistics Statistics(MemoryPool<byte> pool) =>
        pool is BitmapMemoryPool bitmap ? bitmap.GetStatistics() : ((SmallBlockMemoryPool)pool).GetStatistics();

    /// <summary>Collects the messages of the pool's <see cref="BufferMemoryPool.MisuseDetected"/>.</summary>
    public static ConcurrentQueue<string> Misuse(MemoryPool<byte> pool)
    {
        var messages = new ConcurrentQueue<string>();
        ((BufferMemoryPool)pool).MisuseDetected += (_, e) => messages.Enqueue(e.Message);

        return messages;
    }

    /// <summary>Full blocking collections until finalizers have run and what they freed is collected too.</summary>
    public static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}

/// <summary>An in-process listener for the BufferPool source's warnings (stale use, leaks).</summary>
internal sealed class WarningListener : EventListener
{
    public ConcurrentQueue<EventWrittenEventArgs> Events { get; } = new();

    public int Count(string eventName, string kind) => Events.Count(e => e.EventName == eventName && (string)e.Payload![0]! == kind);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == BufferPoolEventSource.EventSourceName)
        {
            EnableEvents(source, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e) => Events.Enqueue(e);
}
