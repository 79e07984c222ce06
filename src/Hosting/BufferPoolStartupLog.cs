using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BufferPool.Hosting;

/// <summary>
/// Writes one Information line when the app starts: which pool serves the app, its key sizes, the slots it fills,
/// and any earlier <c>Add...Pool</c> call that the last one replaced.
/// </summary>
internal sealed partial class BufferPoolStartupLog(AppBufferPools pools, ActivePoolKind active, ILogger<BufferPoolStartupLog> logger) : IHostedService
{
    /// <summary>The slots every <c>Add...Pool</c> call fills.</summary>
    public const string Slots = "IMemoryPoolFactory<byte> (Kestrel's transport), MemoryPool<byte>, PipeOptions, ArrayPool<byte>, ArrayPool<char>";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string replaced = active.Replaced.Count == 0 ? "none" : string.Join(", ", active.Replaced) + " (the last Add...Pool call wins)";
        LogStarted(
            pools.Memory.Name,
            pools.Memory.MaxBufferSize,
            pools.Memory.LeaseMode.ToString(),
            pools.Memory.MaxReservedBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            pools.Bytes.Name,
            pools.Bytes.MaxArrayLength,
            Slots,
            replaced);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "BufferPool: the {Kind} pool (MaxBufferSize {MaxBufferSize} B, lease mode {LeaseMode}, budget {MaxReservedBytes}) and {ArrayKind} array pools (MaxArrayLength {MaxArrayLength}) serve {Slots}; replaced kinds: {Replaced}.")]
    private partial void LogStarted(string kind, int maxBufferSize, string leaseMode, string maxReservedBytes, string arrayKind, int maxArrayLength, string slots, string replaced);
}
