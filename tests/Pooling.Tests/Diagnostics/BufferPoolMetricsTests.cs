using System.Diagnostics.Metrics;
using BufferPool.Diagnostics;

namespace BufferPool.Tests.Diagnostics;

public sealed class BufferPoolMetricsTests
{
    private static readonly Dictionary<string, string> Units = new()
    {
        ["bufferpool.superblock.count"] = "{superblock}",
        ["bufferpool.superblock.reserved"] = "By",
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
        using var metrics = new BufferPoolMetrics([pool]);
        using var recorder = new Recorder();
        Assert.Equal(Units.Keys.Order(), recorder.Instruments.Keys.Order());
        Assert.All(Units, u => Assert.Equal(u.Value, recorder.Instruments[u.Key].Unit));

        Dictionary<string, long> before = recorder.Collect("bitmap");
        var owners = Enumerable.Range(0, 64 + 128 + 2).Select(_ => pool.Rent()).ToList();
        Dictionary<string, long> during = recorder.Collect("bitmap");

        Assert.Equal(2, during["bufferpool.superblock.count"] - before["bufferpool.superblock.count"]);
        Assert.Equal(2, during["bufferpool.superblock.allocated"] - before["bufferpool.superblock.allocated"]);
        Assert.Equal((64 + 128) * 4096, during["bufferpool.superblock.reserved"] - before["bufferpool.superblock.reserved"]);
        Assert.Equal((64 + 128 + 2) * 4096, during["bufferpool.in_use"] - before["bufferpool.in_use"]);
        Assert.Equal((64 + 128 + 2) * 4096, during["bufferpool.rented"] - before["bufferpool.rented"]);
        Assert.Equal(2 * 4096, during["bufferpool.fallback"] - before["bufferpool.fallback"]);

        owners.ForEach(o => o.Dispose());
        pool.Trim();
        Dictionary<string, long> after = recorder.Collect("bitmap");
        Assert.Equal(before["bufferpool.in_use"], after["bufferpool.in_use"]);
        Assert.Equal(1, after["bufferpool.free_list.threshold_hits"] - before["bufferpool.free_list.threshold_hits"]);
        Assert.Equal(2, after["bufferpool.superblock.released"] - before["bufferpool.superblock.released"]);
        Assert.All(recorder.Tags, tags =>
        {
            Assert.Contains("bufferpool.kind", tags.Keys);
            Assert.Contains("bufferpool.owner", tags.Keys);
        });
    }

    /// <summary>A MeterListener on the BufferPool meter that sums each instrument's measurements for one kind.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _sums = [];
        private string _kind = "";

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BufferPoolMetrics.MeterName)
                {
                    Instruments[instrument.Name] = instrument;
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var tagMap = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    tagMap[tag.Key] = tag.Value;
                }

                Tags.Add(tagMap);
                if ((string?)tagMap["bufferpool.kind"] == _kind)
                {
                    _sums[instrument.Name] = _sums.GetValueOrDefault(instrument.Name) + value;
                }
            });
            _listener.Start();
        }

        public Dictionary<string, Instrument> Instruments { get; } = [];

        public List<Dictionary<string, object?>> Tags { get; } = [];

        public Dictionary<string, long> Collect(string kind)
        {
            _kind = kind;
            _sums.Clear();
            foreach (string name in Instruments.Keys)
            {
                _sums[name] = 0;
            }

            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_sums);
        }

        public void Dispose() => _listener.Dispose();
    }
}
