namespace BufferPool.Primitives;

/// <summary>
/// A pool's event (<see cref="IBufferPool.FallbackOccurred"/>, <see cref="BufferMemoryPool.MisuseDetected"/>): its
/// handlers, and <see cref="Raise"/>, which is null while nobody listens, so the slow path that reports (a fallback, a
/// misused lease) builds no arguments and no message for nobody.
/// </summary>
/// <param name="sender">The pool, the handlers' sender.</param>
internal sealed class PoolEvent<TArgs>(object sender)
    where TArgs : EventArgs
{
    private readonly Lock _lock = new();
    private EventHandler<TArgs>? _handlers;
    private volatile Action<TArgs>? _raise;

    /// <summary>Calls every handler with <c>args</c>; null while there is none.</summary>
    public Action<TArgs>? Raise => _raise;

    public void Add(EventHandler<TArgs>? handler)
    {
        lock (_lock)
        {
            _handlers += handler;
            _raise = _handlers is null ? null : Invoke;
        }
    }

    public void Remove(EventHandler<TArgs>? handler)
    {
        lock (_lock)
        {
            _handlers -= handler;
            _raise = _handlers is null ? null : Invoke;
        }
    }

    private void Invoke(TArgs args) => Volatile.Read(ref _handlers)?.Invoke(sender, args);
}
