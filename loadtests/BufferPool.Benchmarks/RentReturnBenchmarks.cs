using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// One thread renting 4096 bytes and giving them straight back: Kestrel's socket transport does this for every
/// read. The ratio column is against <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
[MemoryDiagnoser]
public class RentReturnBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 1024;

    private readonly ArrayPool<byte> _createdArrayPool = ArrayPool<byte>.Create();
    private SmallBlockMemoryPool _smallBlock = null!;
    private SmallBlockArrayPool<byte> _smallBlockArrays = null!;
    private BitmapMemoryPool _bitmap = null!;
    private FreeListArrayPool<byte> _freeListArrays = null!;
    private MemoryPool<byte> _kestrel = null!;
    private IAsyncDisposable _kestrelHost = null!;

    [GlobalSetup]
    public void Setup()
    {
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(Size));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "ArrayPool.Create()")]
    public void CreatedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            _createdArrayPool.Return(_createdArrayPool.Rent(Size));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            MemoryPool<byte>.Shared.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "Kestrel PinnedBlockMemoryPool")]
    public void Kestrel()
    {
        for (int i = 0; i < Operations; i++)
        {
            _kestrel.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool")]
    public void SmallBlock()
    {
        for (int i = 0; i < Operations; i++)
        {
            _smallBlock.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockArrayPool<byte>")]
    public void SmallBlockArrays()
    {
        for (int i = 0; i < Operations; i++)
        {
            _smallBlockArrays.Return(_smallBlockArrays.Rent(Size));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool")]
    public void Bitmap()
    {
        for (int i = 0; i < Operations; i++)
        {
            _bitmap.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "FreeListArrayPool<byte>")]
    public void FreeListArrays()
    {
        for (int i = 0; i < Operations; i++)
        {
            _freeListArrays.Return(_freeListArrays.Rent(Size));
        }
    }
}
