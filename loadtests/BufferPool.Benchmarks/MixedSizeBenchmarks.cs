using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// Mixed sizes from 64 B to 64 KiB, eight leases live at a time, so several size classes are in play at once.
/// Kestrel's pool and the bitmap pool serve one 4096-byte block size, so their requests are clamped to that;
/// they do less work than the others in this benchmark.
/// </summary>
[MemoryDiagnoser]
public class MixedSizeBenchmarks
{
    private const int Depth = 8;
    private const int Rounds = 128;

    private readonly IMemoryOwner<byte>[] _owners = new IMemoryOwner<byte>[Depth];
    private readonly byte[][] _arrays = new byte[Depth][];
    private int[] _sizes = null!;

    private BenchmarkPools _pools = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Log-uniform sizes, as buffer sizes in a server are: as many around 100 B as around 10 KiB.
        var random = new Random(42);
        _sizes = Enumerable.Range(0, Rounds * Depth).Select(_ => (int)Math.Pow(2, 6 + random.NextDouble() * 10)).ToArray();
        _pools = new BenchmarkPools();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _pools.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds * Depth, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool() => RunArrays(ArrayPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "ArrayPool.Create()")]
    public void CreatedArrayPool() => RunArrays(_pools.CreatedArrayPool);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => RunMemory(MemoryPool<byte>.Shared, int.MaxValue);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "Kestrel PinnedBlockMemoryPool (<= 4 KiB)")]
    public void Kestrel() => RunMemory(_pools.Kestrel, _pools.Kestrel.MaxBufferSize);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "SmallBlockMemoryPool")]
    public void SmallBlock() => RunMemory(_pools.SmallBlock, int.MaxValue);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "SmallBlockArrayPool<byte>")]
    public void SmallBlockArrays() => RunArrays(_pools.SmallBlockArrays);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "BitmapMemoryPool (one 4 KiB block size)")]
    public void Bitmap() => RunMemory(_pools.Bitmap, _pools.Bitmap.MaxBufferSize);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "FreeListArrayPool<byte>")]
    public void FreeListArrays() => RunArrays(_pools.FreeListArrays);

    private void RunMemory(MemoryPool<byte> pool, int cap)
    {
        int[] sizes = _sizes;
        for (int r = 0, k = 0; r < Rounds; r++)
        {
            for (int d = 0; d < Depth; d++)
            {
                _owners[d] = pool.Rent(Math.Min(sizes[k++], cap));
            }

            for (int d = 0; d < Depth; d++)
            {
                _owners[d].Dispose();
            }
        }
    }

    private void RunArrays(ArrayPool<byte> pool)
    {
        int[] sizes = _sizes;
        for (int r = 0, k = 0; r < Rounds; r++)
        {
            for (int d = 0; d < Depth; d++)
            {
                _arrays[d] = pool.Rent(sizes[k++]);
            }

            for (int d = 0; d < Depth; d++)
            {
                pool.Return(_arrays[d]);
            }
        }
    }
}
