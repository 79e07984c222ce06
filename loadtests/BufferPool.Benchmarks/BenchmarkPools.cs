using System.Buffers;

namespace BufferPool.Benchmarks;

/// <summary>
/// Every pool a benchmark compares, created and disposed together so the classes set up alike. The plain memory pools use
/// <see cref="LeaseMode.Reused"/>, the zero-allocation mode (LeaseModeBenchmarks compares the modes); the factory pools
/// are what Kestrel rents from, through <c>IMemoryPoolFactory&lt;byte&gt;</c> of a built host (see <see cref="FactoryPool"/>).
/// </summary>
internal sealed class BenchmarkPools : IAsyncDisposable
{
    private readonly IAsyncDisposable[] _hosts;

    public BenchmarkPools()
    {
        (Kestrel, IAsyncDisposable kestrelHost) = KestrelPool.Create();
        (SmallBlockFactory, IAsyncDisposable smallBlockHost) = FactoryPool.Create(FactoryPool.SmallBlock);
        (BitmapFactory, IAsyncDisposable bitmapHost) = FactoryPool.Create(FactoryPool.Bitmap);
        _hosts = [kestrelHost, smallBlockHost, bitmapHost];
    }

    /// <summary>Kestrel's transport pool with BufferPool's small-block pool registered.</summary>
    public MemoryPool<byte> SmallBlockFactory { get; }

    /// <summary>Kestrel's transport pool with BufferPool's bitmap pool registered.</summary>
    public MemoryPool<byte> BitmapFactory { get; }

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
        SmallBlockFactory.Dispose();
        BitmapFactory.Dispose();
        foreach (IAsyncDisposable host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
