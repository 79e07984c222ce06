namespace BufferPool;

/// <summary>
/// The rented flag of a reusable lease, shared by the pools' owner objects. One
/// <see cref="Interlocked.Exchange(ref int, int)"/> on dispose makes two racing disposes of the same lease return its
/// slot once, which is what keeps two later leases from ever sharing memory; it touches only the lease's own cache
/// line. A stale reference disposed after the slot was rented again cannot be told from the new owner; diagnostics
/// mode, with one owner object per rent, is for that case.
/// </summary>
internal struct LeaseGuard
{
    private int _rented;

    public void OnRent() => _rented = 1;

    /// <summary>Returns <paramref name="memory"/>, or throws if the lease was disposed.</summary>
    public readonly Memory<byte> Guard(Memory<byte> memory)
    {
        if (_rented == 0)
        {
            ThrowHelper.ThrowLeaseUsedAfterDispose();
        }

        return memory;
    }

    /// <summary>Marks the lease returned; throws <see cref="InvalidOperationException"/> if it already was.</summary>
    public void OnDispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 0)
        {
            ThrowHelper.ThrowLeaseDisposedTwice();
        }
    }
}
