using System.Buffers;

namespace BufferPool.Hosting;

/// <summary>
/// The process-wide pool that one <c>Add...Pool</c> call registers, with what hosting needs of it: its kind, its
/// statistics and a trim. One instance per container, shared by every view Kestrel creates.
/// </summary>
internal sealed class PooledMemory(string kind, MemoryPool<byte> pool, Func<BufferPoolStatistics> statistics, Func<long> trim, long? maxReservedBytes) : IDisposable
{
    /// <summary><c>small-block</c> or <c>bitmap</c>, the <c>bufferpool.kind</c> tag.</summary>
    public string Kind { get; } = kind;

    public MemoryPool<byte> Pool { get; } = pool;

    /// <summary>The pool's budget, if it has one.</summary>
    public long? MaxReservedBytes { get; } = maxReservedBytes;

    public BufferPoolStatistics GetStatistics() => statistics();

    public long Trim() => trim();

    public void Dispose() => Pool.Dispose();
}
