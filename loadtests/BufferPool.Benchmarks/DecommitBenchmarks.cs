using System.Buffers;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BufferPool.Primitives;

namespace BufferPool.Benchmarks;

/// <summary>
/// What renting memory whose pages were given back to the OS costs (docs/memory.md, beside the purge delay): one rent of
/// <see cref="Size"/> bytes, written whole as a renter would, and returned. "Decommitted" gives the buffer's pages back
/// first, as a purge does to an idle block, so the writes fault every page in again; the figure includes that
/// <c>madvise</c> call, which a real rent does not pay (the trim does), so it is an upper bound. The ratio column is
/// against <see cref="ArrayPool{T}.Shared"/> renting and writing the same size.
/// </summary>
[MemoryDiagnoser]
public class DecommitBenchmarks
{
    private BenchmarkPools _pools = null!;

    /// <summary>A bitmap block (one page) and a small-block block (16 pages).</summary>
    [Params(4096, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _pools = new BenchmarkPools();

    [GlobalCleanup]
    public async Task Cleanup() => await _pools.DisposeAsync();

    [Benchmark(Baseline = true, Description = "ArrayPool<byte>.Shared, written")]
    public void SharedArrayPool()
    {
        byte[] array = ArrayPool<byte>.Shared.Rent(Size);
        array.AsSpan(0, Size).Fill(1);
        ArrayPool<byte>.Shared.Return(array);
    }

    [Benchmark(Description = "SmallBlockMemoryPool, committed, written")]
    public void SmallBlockCommitted()
    {
        using IMemoryOwner<byte> lease = _pools.SmallBlock.Rent(Size);
        lease.Memory.Span.Fill(1);
    }

    [Benchmark(Description = "SmallBlockMemoryPool, decommitted, written")]
    public void SmallBlockDecommitted()
    {
        using IMemoryOwner<byte> lease = _pools.SmallBlock.Rent(Size);
        Decommit(lease.Memory);
        lease.Memory.Span.Fill(1);
    }

    private static void Decommit(Memory<byte> memory)
    {
        if (!MemoryMarshal.TryGetArray<byte>(memory, out ArraySegment<byte> segment) || PageDecommit.Decommit(segment.Array!, segment.Offset, segment.Count) != segment.Count)
        {
            throw new InvalidOperationException("The benchmark needs a page-aligned pooled buffer and an OS that decommits (Linux, Windows).");
        }
    }
}
