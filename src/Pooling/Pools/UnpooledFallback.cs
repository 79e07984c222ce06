using System.Buffers;
using BufferPool.Diagnostics;
using BufferPool.Leases;

namespace BufferPool.Pools;

/// <summary>
/// What a <see cref="MemoryPool{T}"/> does when its engine's budget (<c>MaxReservedBytes</c>) stops growth: serve a
/// fresh array and count it, or throw <see cref="BufferPoolExhaustedException"/>, as the options say.
/// </summary>
internal sealed class UnpooledFallback(string kind, PoolExhaustionBehavior behavior, FallbackCounter counter)
{
    private readonly Action<int> _onReturn = counter.RecordReturn;

    public IMemoryOwner<byte> Rent(int size)
    {
        if (BufferPoolEventSource.Log.IsEnabled())
        {
            BufferPoolEventSource.Log.BudgetExhausted(kind, size);
        }

        if (behavior == PoolExhaustionBehavior.Throw)
        {
            counter.RecordRefused(size);
            throw new BufferPoolExhaustedException($"Renting {size} bytes would take the {kind} pool past its MaxReservedBytes.");
        }

        counter.Record(size, BufferPoolFallbackReason.BudgetExhausted);
        return new UnpooledLease(new byte[size], _onReturn);
    }
}
