using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BufferPool.Hosting;

/// <summary>
/// Writes one Information line once the app has started: which pool serves the app, its key sizes, the slots it fills
/// in this app with the lease mode each one hands out, and any earlier <c>Add...Pool</c> call that the last one replaced.
/// </summary>
/// <remarks>
/// Written when every hosted service has started (<see cref="IHostedLifecycleService.StartedAsync"/>), because that is
/// when the slots that rent through views exist: Kestrel creates its views over the pool when its server starts, the
/// socket pipes when their server does. So a worker app's line names no Kestrel, and a web app's says that Kestrel's
/// transport rents the pool's reused leases whatever <c>LeaseMode</c> the app's own <c>MemoryPool&lt;byte&gt;</c> uses.
/// </remarks>
internal sealed partial class BufferPoolStartupLog(AppBufferPools pools, ActivePoolKind active, ILogger<BufferPoolStartupLog> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        string replaced = active.Replaced.Count == 0 ? "none" : string.Join(", ", active.Replaced) + " (the last Add...Pool call wins)";
        LogStarted(
            pools.Memory.Name,
            pools.Memory.MaxBufferSize,
            pools.Memory.MaxReservedBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            MemorySlots(),
            pools.Bytes.Name,
            pools.Chars.Name,
            pools.Bytes.MaxArrayLength,
            replaced);
        return Task.CompletedTask;
    }

    /// <summary>The memory pool's slots: the app's own, and each owner that rents through a view, with their leases.</summary>
    private string MemorySlots()
    {
        string slots = $"MemoryPool<byte> and PipeOptions (lease mode {pools.Memory.LeaseMode})";
        foreach (BufferPoolOwnerStatistics owner in pools.Memory.GetOwnerStatistics())
        {
            string? who = owner.Owner switch
            {
                BufferPoolOwnerStatistics.AppOwner => null,
                "kestrel" => "Kestrel's transport",
                "sockets" => "the socket pipes",
                string other => $"owner {other}",
            };
            if (who is not null)
            {
                slots += $", {who} through IMemoryPoolFactory<byte> (reused leases)";
            }
        }

        return slots;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "BufferPool: the {Kind} pool (MaxBufferSize {MaxBufferSize} B, budget {MaxReservedBytes}) serves {MemorySlots}; the {BytesKind} and {CharsKind} array pools (MaxArrayLength {MaxArrayLength}) serve ArrayPool<byte> and ArrayPool<char>; replaced kinds: {Replaced}.")]
    private partial void LogStarted(string kind, int maxBufferSize, string maxReservedBytes, string memorySlots, string bytesKind, string charsKind, int maxArrayLength, string replaced);
}
