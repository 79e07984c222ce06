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

    private readonly ArrayPool<byte> _createdArrayPool = ArrayPool<byte>.Create(64 * 1024, 50);
    private readonly IMemoryOwner<byte>[] _owners = new IMemoryOwner<byte>[Depth];
    private readonly byte[][] _arrays = new byte[Depth][];
    private int[] _sizes = null!;
    private SmallBlockMemoryPool _smallBlock = null!;
    private SmallBlockArrayPool<byte> _smallBlockArrays = null!;
    private BitmapMemoryPool _bitmap = null!;
    private FreeListArrayPool<byte> _freeListArrays = null!;
    private MemoryPool<byte> _kestrel = null!;
    private IAsyncDisposable _kestrelHost = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Log-uniform sizes, as buffer sizes in a server are: as many around 100 B as around 10 KiB.
        var random = new Random(42);
        _sizes = Enumerable.Range(0, Rounds * Depth).Select(_ => (int)Math.Pow(2, 6 + random.NextDouble() * 10)).ToArray();
        _smallBlock = new SmallBlockMemoryPool();
        _smallBlockArrays = new SmallBlockArrayPool<byte>();
        _bitmap = new BitmapMemoryPool();
        _freeListArrays = new FreeListArrayPool<byte>();
        (_kestrel, _kestrelHost) = KestrelPool.Create();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _smallBlock.Dispose();
        _smallBlockArrays.Dispose();
        _bitmap.Dispose();
        _freeListArrays.Dispose();
        _kestrel.Dispose();
        await _kestrelHost.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds * Depth, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool() => RunArrays(ArrayPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "ArrayPool.Create()")]
    public void CreatedArrayPool() => RunArrays(_createdArrayPool);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => RunMemory(MemoryPool<byte>.Shared, int.MaxValue);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "Kestrel PinnedBlockMemoryPool (<= 4 KiB)")]
    public void Kestrel() => RunMemory(_kestrel, _kestrel.MaxBufferSize);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "SmallBlockMemoryPool")]
    public void SmallBlock() => RunMemory(_smallBlock, int.MaxValue);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "SmallBlockArrayPool<byte>")]
    public void SmallBlockArrays() => RunArrays(_smallBlockArrays);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "BitmapMemoryPool (one 4 KiB block size)")]
    public void Bitmap() => RunMemory(_bitmap, _bitmap.MaxBufferSize);

    [Benchmark(OperationsPerInvoke = Rounds * Depth, Description = "FreeListArrayPool<byte>")]
    public void FreeListArrays() => RunArrays(_freeListArrays);

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
