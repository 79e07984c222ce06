using System.Buffers;
using System.Diagnostics.Tracing;

namespace BufferPool.Diagnostics;

/// <summary>
/// The <c>BufferPool</c> EventSource: what <c>dotnet-counters monitor --counters BufferPool</c> shows, summed over the
/// live pools of the whole process (held weakly), plus Informational events for the rare moments (a superblock allocated or released, a free list at its
/// cap, the budget exhausted).
/// </summary>
/// <remarks>
/// The rate counters are <see cref="IncrementingPollingCounter"/>s over the pools' running totals, read once per
/// interval by the counters' own timer: the rent path does no work for them at all. Events are raised only from slow
/// paths, each behind <see cref="EventSource.IsEnabled()"/>. The superblock counters sum the memory pools and the array
/// counters the others, told apart by their base class (<see cref="MemoryPool{T}"/> or not): the EventSource reads the
/// pools through <see cref="IBufferPool"/> alone, so the pools that raise its events may depend on it.
/// </remarks>
[EventSource(Name = EventSourceName)]
internal sealed class BufferPoolEventSource : EventSource
{
    public const string EventSourceName = "BufferPool";

    public static readonly BufferPoolEventSource Log = new();

    private DiagnosticCounter[]? _counters;

    private BufferPoolEventSource()
    {
    }

    [Event(1, Level = EventLevel.Informational, Message = "{0} pool allocated a superblock of {1} bytes")]
    public void SuperBlockAllocated(string kind, long bytes) => WriteEvent(1, kind, bytes);

    [Event(2, Level = EventLevel.Informational, Message = "{0} pool released a superblock of {1} bytes")]
    public void SuperBlockReleased(string kind, long bytes) => WriteEvent(2, kind, bytes);

    [Event(3, Level = EventLevel.Informational, Message = "{0} pool's free list was at its cap of {1} entries")]
    public void FreeListThresholdHit(string kind, long capacity) => WriteEvent(3, kind, capacity);

    [Event(4, Level = EventLevel.Informational, Message = "{0} pool's budget was exhausted by a rent of {1} bytes")]
    public void BudgetExhausted(string kind, long bytes) => WriteEvent(4, kind, bytes);

    [Event(5, Level = EventLevel.Warning, Message = "{0} buffer was written after it was returned, at byte {1}")]
    public void WriteAfterReturn(string kind, int offset) => WriteEvent(5, kind, offset);

    [Event(6, Level = EventLevel.Warning, Message = "{0} lease was used after it was returned")]
    public void StaleLeaseUsed(string kind) => WriteEvent(6, kind);

    [Event(7, Level = EventLevel.Warning, Message = "{0} lease of {1} bytes was never returned; rented at {2}")]
    public void LeakDetected(string kind, int bytes, string stackTrace) => WriteEvent(7, kind, bytes, stackTrace);

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (command.Command != EventCommand.Enable || _counters is not null)
        {
            return;
        }

        _counters =
        [
            Polling("superblock-count", "Superblocks held", "", static t => t.SuperBlockCount),
            Polling("superblock-reserved-bytes", "Bytes reserved in superblocks", "B", static t => t.ReservedBytes, static p => p is MemoryPool<byte>),
            Polling("superblock-committed-bytes", "Bytes of superblocks resident (not given back to the OS)", "B", static t => t.CommittedBytes, static p => p is MemoryPool<byte>),
            Polling("array-count", "Arrays owned by array pools", "", static t => t.ArrayCount),
            Polling("array-reserved-bytes", "Bytes of arrays owned by array pools", "B", static t => t.ReservedBytes, static p => p is not MemoryPool<byte>),
            Polling("in-use-bytes", "Bytes rented out", "B", static t => t.InUseBytes),
            Incrementing("superblock-growth", "Superblocks allocated", static t => t.SuperBlocksAllocated),
            Incrementing("superblock-releases", "Superblocks released", static t => t.SuperBlocksReleased),
            Incrementing("decommits", "Idle ranges given back to the OS", static t => t.DecommitCount),
            Incrementing("free-list-threshold-hits", "Free list at its cap", static t => t.FreeListThresholdHits),
            Incrementing("rent-rate", "Rents", static t => t.RentCount),
            Incrementing("fallback-rate", "Rents served outside the pool", static t => t.FallbackCount),
        ];
    }

    private PollingCounter Polling(string name, string displayName, string units, Func<BufferPoolStatistics, long> read, Func<IBufferPool, bool>? include = null) =>
        new(name, this, () => read(BufferPoolRegistry.Total(include))) { DisplayName = displayName, DisplayUnits = units };

    private IncrementingPollingCounter Incrementing(string name, string displayName, Func<BufferPoolStatistics, long> read) =>
        new(name, this, () => read(BufferPoolRegistry.Total())) { DisplayName = displayName, DisplayRateTimeScale = TimeSpan.FromSeconds(1) };
}
