using System.Runtime.CompilerServices;

namespace BufferPool.ThreadCaching;

/// <summary>
/// Decides which rents sampled tracking follows, for one thread and one pool: a countdown that lives in the thread's
/// cache, which the rent has in hand already, so leaving tracking on costs a decrement and a branch per rent: no
/// thread-static lookup, no interlocked operation, no write to memory another thread touches.
/// </summary>
/// <remarks>
/// <para>The gap to the next tracked rent is drawn at random between 1 and 2N - 1 (mean N), so a call site that rents
/// in step with the rate is neither always nor never seen.</para>
/// <para>A tracked rent costs a stack trace, several microseconds, so at any fixed rate a hot enough path would pay for
/// it in proportion. Below full tracking (a rate of 1) each thread therefore tracks at most one rent per
/// <see cref="MinimumIntervalMilliseconds"/>: about 100 a second per thread and pool, however hot the path, which
/// bounds the cost while still sampling every call site that keeps renting. The clock is read only when the countdown
/// runs out.</para>
/// </remarks>
internal struct RentSampler
{
    /// <summary>The least time between two tracked rents of one pool on one thread, for rates above 1.</summary>
    public const int MinimumIntervalMilliseconds = 10;

    private int _untilNext;
    private bool _armed;
    private long _nextAllowed;

    /// <summary>Counts a rent; true when it is to be tracked at one in <paramref name="rate"/>. Owner thread only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Hit(int rate) => Tick() && Next(rate);

    /// <summary>
    /// Counts a rent; true when the countdown ran out, and <see cref="Next"/> must decide. Split from it so that a hot
    /// path can leave the rest of its work, the call included, to a method of its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Tick() => --_untilNext <= 0;

    /// <summary>After <see cref="Tick"/> ran out: draws the next gap; true when this rent is to be tracked.</summary>
    // Out of line: reached once per gap.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Next(int rate)
    {
        if (rate == 1)
        {
            _untilNext = 1;
            return true;
        }

        // The first gap starts the count without tracking, so a thread's first rent is no likelier than any other.
        bool armed = _armed;
        _armed = true;
        _untilNext = Random.Shared.Next(1, 2 * rate);
        if (!armed)
        {
            return false;
        }

        long now = Environment.TickCount64;
        if (now < _nextAllowed)
        {
            return false;
        }

        _nextAllowed = now + MinimumIntervalMilliseconds;
        return true;
    }
}
