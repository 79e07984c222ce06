using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace BufferPool.Benchmarks;

/// <summary>The cost of diagnostics mode (an owner object and a stack trace per rent, poisoning per return).</summary>
[MemoryDiagnoser]
public class DiagnosticsModeBenchmarks
{
    private const int Operations = 256;
    private SmallBlockMemoryPool _normal = null!;
    private SmallBlockMemoryPool _diagnostics = null!;

    [GlobalSetup]
    public void Setup()
    {
        _normal = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        _diagnostics = new SmallBlockMemoryPool(new SmallBlockPoolOptions { DiagnosticsMode = true });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _normal.Dispose();
        _diagnostics.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        for (int i = 0; i < Operations; i++)
        {
            ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(4096));
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool")]
    public void Normal()
    {
        for (int i = 0; i < Operations; i++)
        {
            _normal.Rent(4096).Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SmallBlockMemoryPool, diagnostics mode")]
    public void Diagnostics()
    {
        for (int i = 0; i < Operations; i++)
        {
            _diagnostics.Rent(4096).Dispose();
        }
    }
}
