using System.Buffers;
using BenchmarkDotNet.Attributes;
using Pipelines.Sockets.Unofficial.Arenas;

namespace BufferPool.Benchmarks;

/// <summary>
/// Short-lived buffers of mixed sizes with one lifetime: a batch of 32 (a fixed log-uniform sequence from 64 B to
/// 64 KiB) is taken, each buffer is touched (one byte written), and then the whole batch is released together. This is
/// the one workload where an arena and our pools overlap, so it compares them only there; times are per buffer.
/// <para>
/// <see cref="Arena{T}"/> (Pipelines.Sockets.Unofficial) is not a pool in our sense. <c>Allocate(n)</c> hands out a
/// <see cref="Sequence{T}"/> carved from large blocks, which may be non-contiguous (split across blocks), so a caller
/// that needs one <see cref="Span{T}"/> or <see cref="Memory{T}"/> must check <c>IsSingleSegment</c> or copy; and
/// nothing is freed on its own: <c>Reset()</c> invalidates every allocation at once. It fits batch lifetimes (a
/// request, a frame) only. Our pools hand out one contiguous <see cref="Memory{T}"/> or array per rent and free each
/// buffer when its lease is disposed, in any order, which is what a pipe or socket transport needs; this benchmark
/// does not exercise that, so it says nothing about workloads where buffers outlive one another.
/// </para>
/// </summary>
[MemoryDiagnoser]
public class ArenaBenchmarks
{
    private const int Batch = 32;

    private readonly IMemoryOwner<byte>[] _owners = new IMemoryOwner<byte>[Batch];
    private readonly byte[][] _arrays = new byte[Batch][];
    private int[] _sizes = null!;

    private Arena<byte> _arena = null!;
    private SmallBlockMemoryPool _reused = null!;
    private SmallBlockMemoryPool _perRent = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Log-uniform sizes, as in MixedSizeBenchmarks: as many around 100 B as around 10 KiB.
        var random = new Random(42);
        _sizes = Enumerable.Range(0, Batch).Select(_ => (int)Math.Pow(2, 6 + random.NextDouble() * 10)).ToArray();
        _arena = new Arena<byte>();
        _reused = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        _perRent = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.PerRent });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _arena.Dispose();
        _reused.Dispose();
        _perRent.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "ArrayPool<byte>.Shared")]
    public void SharedArrayPool()
    {
        int[] sizes = _sizes;
        byte[][] arrays = _arrays;
        ArrayPool<byte> pool = ArrayPool<byte>.Shared;
        for (int i = 0; i < Batch; i++)
        {
            byte[] array = pool.Rent(sizes[i]);
            array[0] = 1;
            arrays[i] = array;
        }

        for (int i = 0; i < Batch; i++)
        {
            pool.Return(arrays[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "MemoryPool<byte>.Shared")]
    public void SharedMemoryPool() => RunMemory(MemoryPool<byte>.Shared);

    [Benchmark(OperationsPerInvoke = Batch, Description = "SmallBlockMemoryPool, Reused")]
    public void SmallBlockReused() => RunMemory(_reused);

    [Benchmark(OperationsPerInvoke = Batch, Description = "SmallBlockMemoryPool, PerRent")]
    public void SmallBlockPerRent() => RunMemory(_perRent);

    [Benchmark(OperationsPerInvoke = Batch, Description = "Arena<byte>, Reset per batch")]
    public void Arena()
    {
        int[] sizes = _sizes;
        Arena<byte> arena = _arena;
        for (int i = 0; i < Batch; i++)
        {
            Sequence<byte> sequence = arena.Allocate(sizes[i]);
            sequence.FirstSpan[0] = 1;
        }

        arena.Reset();
    }

    private void RunMemory(MemoryPool<byte> pool)
    {
        int[] sizes = _sizes;
        IMemoryOwner<byte>[] owners = _owners;
        for (int i = 0; i < Batch; i++)
        {
            IMemoryOwner<byte> owner = pool.Rent(sizes[i]);
            owner.Memory.Span[0] = 1;
            owners[i] = owner;
        }

        for (int i = 0; i < Batch; i++)
        {
            owners[i].Dispose();
        }
    }
}
