using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks.CostModel;

/// <summary>The reused owner object of one buffer of a <see cref="ModelPool{TGuarantees}"/>.</summary>
internal sealed class ModelLease<TGuarantees>(ModelPool<TGuarantees> pool) : IMemoryOwner<byte>
    where TGuarantees : struct, IGuarantees
{
    public const int Rented = 1;
    public const int Returned = 0;

    private readonly Memory<byte> _memory = new byte[4096];

    public int State;

    public Memory<byte> Memory => _memory;

    // Fully optimized from the first call, as the real leases' Dispose is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispose()
    {
        // The thread's table first, as BufferPool's leases read it: nothing is live across the runtime's resolver call.
        ModelCache?[]? table = ModelCache.ThreadTable;
        if (TGuarantees.IgnoresRacingDispose)
        {
            if (Interlocked.CompareExchange(ref State, Returned, Rented) != Rented)
            {
                return;
            }
        }
        else if (TGuarantees.IgnoresSecondDispose)
        {
            if (State != Rented)
            {
                return;
            }

            State = Returned;
        }

        pool.Return(this, table);
    }
}
