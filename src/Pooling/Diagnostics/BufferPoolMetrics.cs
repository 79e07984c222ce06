using System.Diagnostics.Metrics;

namespace BufferPool.Diagnostics;

/// <summary>
/// The <c>BufferPool</c> Meter and its instruments, tagged <c>bufferpool.kind</c> and <c>bufferpool.owner</c>, one
/// measurement per live pool. Build one with the app's <see cref="IMeterFactory"/> (hosting does) or without (a plain
/// <see cref="Meter"/>).
/// </summary>
/// <remarks>
/// Every instrument is observable: its callback reads the pools' statistics when a listener collects, so the rent and
/// return path does nothing for metrics, listener or not. The running totals (<c>allocated</c>, <c>released</c>,
/// <c>threshold_hits</c>, <c>rented</c>, <c>fallback</c>) are monotonic <see cref="ObservableCounter{T}"/>s, which
/// exporters present as counters (a monotonic sum), exactly as a <see cref="Counter{T}"/> would appear.
/// </remarks>
public sealed class BufferPoolMetrics : IDisposable
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "BufferPool";

    private readonly Meter _meter;

    /// <summary>Creates the instruments on a Meter from <paramref name="meterFactory"/>, or on a new Meter if null.</summary>
    public BufferPoolMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableUpDownCounter("bufferpool.superblock.count", () => Measure(s => s.SuperBlockCount), "{superblock}", "Superblocks held now.");
        _meter.CreateObservableUpDownCounter("bufferpool.superblock.reserved", () => Measure(s => s.ReservedBytes), "By", "Bytes reserved in superblocks.");
        _meter.CreateObservableUpDownCounter("bufferpool.in_use", () => Measure(s => s.InUseBytes), "By", "Bytes rented out now.");
        _meter.CreateObservableCounter("bufferpool.superblock.allocated", () => Measure(s => s.SuperBlocksAllocated), "{superblock}", "Superblocks allocated.");
        _meter.CreateObservableCounter("bufferpool.superblock.released", () => Measure(s => s.SuperBlocksReleased), "{superblock}", "Superblocks released.");
        _meter.CreateObservableCounter("bufferpool.rented", () => Measure(s => s.RentedBytes), "By", "Bytes rented.");
        _meter.CreateObservableCounter("bufferpool.free_list.threshold_hits", () => Measure(s => s.FreeListThresholdHits), "{event}", "Times a free list was at its cap.");
        _meter.CreateObservableCounter("bufferpool.fallback", () => Measure(s => s.FallbackBytes), "By", "Bytes served outside the pool.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Measure(Func<BufferPoolStatistics, long> read)
    {
        foreach (var (source, statistics) in BufferPoolRegistry.Snapshot())
        {
            yield return new Measurement<long>(read(statistics), new KeyValuePair<string, object?>("bufferpool.kind", source.Kind), new KeyValuePair<string, object?>("bufferpool.owner", source.Owner));
        }
    }
}
