using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>
/// One thread renting 4096 bytes and giving them straight back, from every pool held by its own type: the plain memory
/// pools (in <see cref="LeaseMode.Reused"/>) and the array pools. The ratio column is against
/// <see cref="ArrayPool{T}.Shared"/>. Kestrel's own path, through the factory's pool, is FactoryPathBenchmarks.
/// </summary>
[MemoryDiagnoser]
public class RentReturnBenchmarks
{
    private const int Size = 4096;
    private const int Operations = 1024;

    private BenchmarkPools _pools = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pools = new BenchmarkPools();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _pools.DisposeAsync();

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
            _pools.CreatedArrayPool.Return(_pools.CreatedArrayPool.Rent(Size));
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
            _pools.Kestrel.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool")]
    public void SmallBlock()
    {
        for (int i = 0; i < Operations; i++)
        {
            _pools.SmallBlock.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockArrayPool<byte>")]
    public void SmallBlockArrays()
    {
        for (int i = 0; i < Operations; i++)
        {
            _pools.SmallBlockArrays.Return(_pools.SmallBlockArrays.Rent(Size));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "BitmapMemoryPool")]
    public void Bitmap()
    {
        for (int i = 0; i < Operations; i++)
        {
            _pools.Bitmap.Rent(Size).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "FreeListArrayPool<byte>")]
    public void FreeListArrays()
    {
        for (int i = 0; i < Operations; i++)
        {
            _pools.FreeListArrays.Return(_pools.FreeListArrays.Rent(Size));
        }
    }
}
