using System.Diagnostics.Metrics;
using BufferPool.Diagnostics;
using BufferPool.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace BufferPool.Tests.Metrics;

public sealed class BufferPoolMetricsTests
{
    private static readonly Dictionary<string, string> Units = new()
    {
        ["bufferpool.superblock.count"] = "{superblock}",
        ["bufferpool.superblock.reserved"] = "By",
        ["bufferpool.superblock.committed"] = "By",
        ["bufferpool.superblock.decommits"] = "{decommit}",
        ["bufferpool.superblock.allocated"] = "{superblock}",
        ["bufferpool.superblock.released"] = "{superblock}",
        ["bufferpool.in_use"] = "By",
        ["bufferpool.rented"] = "By",
        ["bufferpool.free_list.threshold_hits"] = "{event}",
        ["bufferpool.fallback"] = "By",
        ["bufferpool.array.count"] = "{array}",
        ["bufferpool.array.reserved"] = "By",
        ["bufferpool.array.allocated"] = "{array}",
        ["bufferpool.array.released"] = "{array}",
    };

    [Fact]
    public void EveryInstrument_HasItsNameUnitAndTags_AndMovesTheRightWay()
    {
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions { MaxFreeListEntries = 1, RetainedFreeListEntries = 0, ThreadCacheSize = 0, MaxReservedBytes = (64 + 128) * 4096 });
        using var meterFactory = new ScopedMeterFactory();
        using var metrics = new BufferPoolMetrics([pool], meterFactory);
        using var recorder = new Recorder(meterFactory, Units.Keys);
        Assert.All(Units, u => Assert.Equal(u.Value, recorder.Unit(u.Key)));

        Dictionary<string, long> before = recorder.Collect();
        var owners = Enumerable.Range(0, 64 + 128 + 2).Select(_ => pool.Rent()).ToList();
        Dictionary<string, long> during = recorder.Collect();

        Assert.Equal(2, during["bufferpool.superblock.count"] - before["bufferpool.superblock.count"]);
        Assert.Equal(2, during["bufferpool.superblock.allocated"] - before["bufferpool.superblock.allocated"]);
        Assert.Equal((64 + 128) * 4096, during["bufferpool.superblock.reserved"] - before["bufferpool.superblock.reserved"]);
        Assert.Equal((64 + 128) * 4096, during["bufferpool.superblock.committed"] - before["bufferpool.superblock.committed"]);
        Assert.Equal((64 + 128 + 2) * 4096, during["bufferpool.in_use"] - before["bufferpool.in_use"]);
        Assert.Equal((64 + 128 + 2) * 4096, during["bufferpool.rented"] - before["bufferpool.rented"]);
        Assert.Equal(2 * 4096, during["bufferpool.fallback"] - before["bufferpool.fallback"]);

        owners.ForEach(o => o.Dispose());
        pool.Trim();
        Dictionary<string, long> after = recorder.Collect();
        Assert.Equal(before["bufferpool.in_use"], after["bufferpool.in_use"]);
        Assert.Equal(1, after["bufferpool.free_list.threshold_hits"] - before["bufferpool.free_list.threshold_hits"]);
        Assert.Equal(2, after["bufferpool.superblock.released"] - before["bufferpool.superblock.released"]);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            // Both super blocks left the pool decommitted; nothing is resident.
            Assert.Equal(2, after["bufferpool.superblock.decommits"] - before["bufferpool.superblock.decommits"]);
            Assert.Equal(0, after["bufferpool.superblock.committed"]);
        }

        // A memory pool reports no array instruments; every measurement it makes carries its kind and owner.
        Assert.All(Units.Keys.Where(n => n.StartsWith("bufferpool.array.", StringComparison.Ordinal)), n => Assert.Empty(recorder.Measurements(n)));
        Assert.All(Units.Keys.Where(n => !n.StartsWith("bufferpool.array.", StringComparison.Ordinal)), n => Assert.All(recorder.Measurements(n), m =>
        {
            Assert.Equal("bitmap", m.Tags["bufferpool.kind"]);
            Assert.Equal(PoolReading.AppOwner, m.Tags["bufferpool.owner"]);
        }));
    }

    /// <summary>
    /// One <see cref="MetricCollector{T}"/> per instrument, scoped to this test's meter factory so that other tests'
    /// BufferPool meters, running in parallel, are not seen.
    /// </summary>
    private sealed class Recorder(IMeterFactory scope, IEnumerable<string> names) : IDisposable
    {
        private readonly Dictionary<string, MetricCollector<long>> _collectors =
            names.ToDictionary(n => n, n => new MetricCollector<long>(scope, BufferPoolMetrics.MeterName, n));

        public string? Unit(string name) => _collectors[name].Instrument?.Unit;

        public IReadOnlyList<CollectedMeasurement<long>> Measurements(string name) => _collectors[name].GetMeasurementSnapshot();

        /// <summary>Collects every observable instrument once and sums each one's measurements.</summary>
        public Dictionary<string, long> Collect()
        {
            foreach (MetricCollector<long> collector in _collectors.Values)
            {
                collector.Clear();
                collector.RecordObservableInstruments();
            }

            return _collectors.ToDictionary(c => c.Key, c => c.Value.GetMeasurementSnapshot().Sum(m => m.Value));
        }

        public void Dispose()
        {
            foreach (MetricCollector<long> collector in _collectors.Values)
            {
                collector.Dispose();
            }
        }
    }

    /// <summary>An <see cref="IMeterFactory"/> whose meters carry it as their scope, as the DI meter factory does.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
