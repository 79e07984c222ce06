using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BufferPool.Leases;

/// <summary>
/// Decides which rents sampled tracking follows, with a per-thread xorshift generator: no interlocked operation and
/// no write to memory another thread touches, so leaving it on costs a few instructions per rent. A random choice
/// (rather than every Nth rent) keeps a call site that rents in step with the rate from being always or never seen,
/// and lets pools with different rates share one per-thread state.
/// </summary>
internal static class RentSampler
{
    [ThreadStatic]
    private static uint t_state;

    /// <summary>The threshold <see cref="Hit"/> compares against for one rent in <paramref name="rate"/>; 0 for off.</summary>
    public static uint Threshold(int rate)
    {
        Debug.Assert(rate >= 0);
        return rate == 0 ? 0 : uint.MaxValue / (uint)rate;
    }

    /// <summary>True with probability 1/rate for the rate <paramref name="threshold"/> came from; always for rate 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Hit(uint threshold)
    {
        uint x = t_state;
        if (x == 0)
        {
            x = Seed();
        }

        // Marsaglia's xorshift32 (13, 17, 5): full period over the non-zero values, so the state never sticks at 0.
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        t_state = x;
        return x <= threshold;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Seed() => (uint)Random.Shared.Next(1, int.MaxValue);
}
