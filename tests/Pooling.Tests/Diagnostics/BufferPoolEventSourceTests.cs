using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using BufferPool.Diagnostics;

namespace BufferPool.Tests.Diagnostics;

[Collection(DiagnosticsCollection.Name)]
public sealed class BufferPoolEventSourceTests
{
    private static readonly string[] CounterNames =
    [
        "superblock-count", "superblock-reserved-bytes", "superblock-committed-bytes", "superblock-growth", "superblock-releases", "decommits",
        "free-list-threshold-hits", "in-use-bytes", "rent-rate", "fallback-rate", "array-count", "array-reserved-bytes",
    ];

    [Fact]
    public async Task EveryCounterIsPublished_AndGrowthAndThresholdHitsShowUp()
    {
        using var listener = new CounterListener();
        await listener.WaitForAsync(() => CounterNames.All(listener.Seen.ContainsKey), "every counter");
        Assert.All(CounterNames, name => Assert.False(string.IsNullOrEmpty(listener.DisplayNames[name])));

        // Growth: 40 superblocks of 64 KiB.
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024 });
        var owners = Enumerable.Range(0, 40).Select(_ => pool.Rent(65536)).ToList();
        await listener.WaitForAsync(() => listener.Increments("superblock-growth") >= 40, "superblock-growth of 40");
        await listener.WaitForAsync(() => listener.Latest("in-use-bytes") >= 40 * 65536, "in-use-bytes");
        Assert.True(listener.Increments("rent-rate") >= 40);

        // A forced overflow of the Free List Store (cap 1): two array returns into a full store.
        using var arrays = new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { MaxFreeListEntries = 1, ThreadCacheSize = 0 });
        byte[] a = arrays.Rent(100), b = arrays.Rent(200), c = arrays.Rent(300);
        arrays.Return(a);
        arrays.Return(b);
        arrays.Return(c);
        await listener.WaitForAsync(() => listener.Increments("free-list-threshold-hits") >= 2, "free-list-threshold-hits of 2");

        owners.ForEach(o => o.Dispose());
        Assert.Equal(40 * 64 * 1024 - 64 * 1024, pool.Trim());
        await listener.WaitForAsync(() => listener.Increments("superblock-releases") >= 39, "superblock-releases of 39");
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            // Each released superblock was decommitted before it was let go.
            await listener.WaitForAsync(() => listener.Increments("decommits") >= 39, "decommits of 39");
        }

        // The rare moments are events too, with the pool kind and the sizes.
        Assert.Contains(listener.Events, e => e.EventName == "SuperBlockAllocated" && (string)e.Payload![0]! == "small-block" && (long)e.Payload[1]! == 65536);
        Assert.Contains(listener.Events, e => e.EventName == "SuperBlockReleased" && (string)e.Payload![0]! == "small-block");
        Assert.Contains(listener.Events, e => e.EventName == "FreeListThresholdHit" && (string)e.Payload![0]! == "free-list" && (long)e.Payload[1]! == 1);
    }

    [Fact]
    public async Task BudgetExhaustion_RaisesAnEvent_AndShowsOnFallbackRate()
    {
        using var listener = new CounterListener();

        // A rate counter's baseline is its first poll after enabling: act only once it has reported.
        await listener.WaitForAsync(() => listener.Seen.ContainsKey("fallback-rate"), "the first fallback-rate");
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions { MaxReservedBytes = 64 * 4096, ThreadCacheSize = 0 });
        var owners = Enumerable.Range(0, 70).Select(_ => pool.Rent()).ToList();
        await listener.WaitForAsync(() => listener.Increments("fallback-rate") >= 6, "fallback-rate of 6");
        Assert.Equal(6, listener.Events.Count(e => e.EventName == "BudgetExhausted" && (string)e.Payload![0]! == "bitmap"));
        owners.ForEach(o => o.Dispose());
    }

    /// <summary>An in-process EventListener on the BufferPool source with a one-second counter interval.</summary>
    private sealed class CounterListener : EventListener
    {
        private readonly ConcurrentDictionary<string, double> _increments = new();

        public ConcurrentDictionary<string, double> Seen { get; } = new();

        public ConcurrentDictionary<string, string> DisplayNames { get; } = new();

        public ConcurrentQueue<EventWrittenEventArgs> Events { get; } = new();

        public double Increments(string name) => _increments.GetValueOrDefault(name);

        public double Latest(string name) => Seen.GetValueOrDefault(name);

        public async Task WaitForAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
                await Task.Delay(100);
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == BufferPoolEventSource.EventSourceName)
            {
                EnableEvents(source, EventLevel.Informational, EventKeywords.All, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "0.5" });
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName != "EventCounters")
            {
                Events.Enqueue(e);
                return;
            }

            var payload = (IDictionary<string, object>)e.Payload![0]!;
            string name = (string)payload["Name"];
            DisplayNames[name] = (string)payload["DisplayName"];
            if (payload.TryGetValue("Increment", out object? increment))
            {
                _increments.AddOrUpdate(name, Convert.ToDouble(increment), (_, total) => total + Convert.ToDouble(increment));
                Seen[name] = Convert.ToDouble(increment);
            }
            else
            {
                Seen[name] = Convert.ToDouble(payload["Mean"]);
            }
        }
    }
}
