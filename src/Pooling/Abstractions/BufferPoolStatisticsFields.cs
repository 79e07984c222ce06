namespace BufferPool;

/// <summary>
/// Every figure of <see cref="BufferPoolStatistics"/> with its one serialized name (camelCase), so that the statistics
/// endpoint, health-check data and anything else that writes statistics out use the same names.
/// </summary>
public static class BufferPoolStatisticsFields
{
    /// <summary>The figures in a stable order: name and how to read it.</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<BufferPoolStatistics, long>>> All { get; } =
    [
        new("superBlockCount", static s => s.SuperBlockCount),
        new("arrayCount", static s => s.ArrayCount),
        new("reservedBytes", static s => s.ReservedBytes),
        new("committedBytes", static s => s.CommittedBytes),
        new("inUseBytes", static s => s.InUseBytes),
        new("rentCount", static s => s.RentCount),
        new("returnCount", static s => s.ReturnCount),
        new("superBlocksAllocated", static s => s.SuperBlocksAllocated),
        new("superBlocksReleased", static s => s.SuperBlocksReleased),
        new("arraysAllocated", static s => s.ArraysAllocated),
        new("arraysReleased", static s => s.ArraysReleased),
        new("freeListThresholdHits", static s => s.FreeListThresholdHits),
        new("fallbackCount", static s => s.FallbackCount),
        new("rentedBytes", static s => s.RentedBytes),
        new("fallbackBytes", static s => s.FallbackBytes),
        new("decommitCount", static s => s.DecommitCount),
    ];

    /// <summary>The figures of <paramref name="statistics"/> by their serialized names.</summary>
    public static Dictionary<string, object> ToDictionary(BufferPoolStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var fields = new Dictionary<string, object>(All.Count);
        foreach (var (name, read) in All)
        {
            fields[name] = read(statistics);
        }

        return fields;
    }
}
