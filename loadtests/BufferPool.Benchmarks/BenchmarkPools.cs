using System.Buffers;

namespace BufferPool.Benchmarks;

/// <summary>
/// Every pool a benchmark compares, created and disposed together so the classes set up alike. The memory pools use
/// <see cref="LeaseMode.Reused"/>, the zero-allocation mode; LeaseModeBenchmarks compares the modes.
/// </summary>
internal sealed class BenchmarkPools : IAsyncDisposable
{
    private readonly IAsyncDisposable _kestrelHost;

    public BenchmarkPools()
    {
        (Kestrel, _kestrelHost) = KestrelPool.Create();
    }

    public ArrayPool<byte> CreatedArrayPool { get; } = ArrayPool<byte>.Create();

    public MemoryPool<byte> Kestrel { get; }

    public SmallBlockMemoryPool SmallBlock { get; } = new(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });

    public SmallBlockArrayPool<byte> SmallBlockArrays { get; } = new();

    public BitmapMemoryPool Bitmap { get; } = new(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused });

    public FreeListArrayPool<byte> FreeListArrays { get; } = new();

    public async ValueTask DisposeAsync()
    {
        SmallBlock.Dispose();
        SmallBlockArrays.Dispose();
        Bitmap.Dispose();
        FreeListArrays.Dispose();
        Kestrel.Dispose();
        await _kestrelHost.DisposeAsync();
    }
}
