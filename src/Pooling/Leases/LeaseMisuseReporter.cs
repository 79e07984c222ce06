using BufferPool.Diagnostics;
using BufferPool.Primitives;

namespace BufferPool.Leases;

/// <summary>
/// Where a pool's tracked leases (sampled, or every lease in diagnostics mode) report misuse: the
/// <c>StaleLeaseUsed</c> and <c>LeakDetected</c> events of <see cref="BufferPoolEventSource"/>, and <see cref="Misuse"/>,
/// which hosting writes to its log.
/// </summary>
internal sealed class LeaseMisuseReporter(string kind, object pool)
{
    private volatile bool _poolDisposed;

    /// <summary>The pool's <see cref="BufferMemoryPool.MisuseDetected"/>, raised with a readable message for each misuse.</summary>
    public PoolEvent<BufferPoolMisuseEventArgs> Misuse { get; } = new(pool);

    public string Kind => kind;

    /// <summary>True once the pool is disposed: a leaked lease's memory then has nowhere to go.</summary>
    public bool PoolDisposed => _poolDisposed;

    public void OnPoolDisposed() => _poolDisposed = true;

    /// <summary>
    /// A tracked lease was used or disposed after it was returned; called on the misusing thread, before a use throws
    /// (a second <c>Dispose</c> is ignored, and only reported).
    /// </summary>
    public void StaleUse(string member, string rentStack)
    {
        if (BufferPoolEventSource.Log.IsEnabled())
        {
            BufferPoolEventSource.Log.StaleLeaseUsed(kind);
        }

        Misuse.Raise?.Invoke(new BufferPoolMisuseEventArgs($"A {kind} lease was used ({member}) after it was returned; its slot may belong to another renter by now. It was rented at:{Environment.NewLine}{rentStack}"));
    }

    /// <summary>A tracked lease was collected without being disposed; called on the finalizer thread.</summary>
    public void Leak(int bytes, string rentStack)
    {
        if (BufferPoolEventSource.Log.IsEnabled())
        {
            BufferPoolEventSource.Log.LeakDetected(kind, bytes, rentStack);
        }

        Misuse.Raise?.Invoke(new BufferPoolMisuseEventArgs($"A {kind} lease of {bytes} bytes was collected without being disposed; {(_poolDisposed ? "its pool was already disposed" : "its memory went back to the pool")}. It was rented at:{Environment.NewLine}{rentStack}"));
    }
}
