using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BufferPool.Leases;

/// <summary>
/// Decides which rents sampled tracking follows, with a per-thread xorshift generator: no interlocked operation and
/// no write to memory another thread touches, so leaving it on costs a few instructions per rent. A random choice
/// (rather than every Nth rent) keeps a call site that rents in step with the rate from being always or never seen,
/// and lets pools with different rates share one per-thread state.
/// </summary>
/// <remarks>
/// A tracked rent costs a stack trace, several microseconds, so at any fixed rate a hot enough path would pay for it
/// in proportion. Below full tracking (a rate of 1), each thread therefore tracks at most one rent per
/// <see cref="MinimumInterval"/>: about 100 a second per thread, however hot the path, which bounds the cost while
/// still sampling every call site that keeps renting. The clock is read only on a hit, one rent in N.
/// </remarks>
internal static class RentSampler
{
    /// <summary>The least time between two tracked rents on one thread, for rates above 1.</summary>
    public const int MinimumIntervalMilliseconds = 10;

    [ThreadStatic]
    private static uint t_state;

    [ThreadStatic]
    private static long t_nextAllowed;

    /// <inheritdoc cref="MinimumIntervalMilliseconds"/>
    public static TimeSpan MinimumInterval => TimeSpan.FromMilliseconds(MinimumIntervalMilliseconds);

    /// <summary>The threshold <see cref="Hit"/> compares against for one rent in <paramref name="rate"/>; 0 for off.</summary>
    public static uint Threshold(int rate)
    {
        Debug.Assert(rate >= 0);
        return rate == 0 ? 0 : uint.MaxValue / (uint)rate;
    }

    /// <summary>
    /// True with probability 1/rate for the rate <paramref name="threshold"/> came from, at most once per
    /// <see cref="MinimumInterval"/> on this thread; always for rate 1.
    /// </summary>
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
        return x <= threshold && (threshold == uint.MaxValue || TakeBudget());
    }

    // Out of line: reached only by the one rent in N the draw picked.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TakeBudget()
    {
        long now = Environment.TickCount64;
        if (now < t_nextAllowed)
        {
            return false;
        }

        t_nextAllowed = now + MinimumIntervalMilliseconds;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Seed() => (uint)Random.Shared.Next(1, int.MaxValue);
}
