using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using BufferPool.Diagnostics;
using BufferPool.Primitives;

namespace BufferPool.Leases;

/// <summary>
/// Diagnostics mode of a <see cref="MemoryPool{T}"/>: every rent gets its own owner object around the pool's reused
/// lease, which records where it was rented, poisons the memory with <see cref="Poison"/> when it is returned, and
/// reports a use or a second dispose after that (the <c>StaleLeaseUsed</c> event and the pool's misuse hook, with the
/// rent stack); the second dispose is otherwise ignored, as the <see cref="IDisposable"/> guidelines ask, and never
/// reaches the slot. The next rent of the same slot checks the poison, which catches a write after return. It
/// allocates and takes stack traces on every rent: for finding bugs, not for production traffic.
/// </summary>
internal sealed class DiagnosticTracker(string kind, LeaseMisuseReporter reporter)
{
    /// <summary>The byte returned memory is filled with.</summary>
    public const byte Poison = 0xDF;

    private readonly ConcurrentDictionary<DiagnosticLease, byte> _outstanding = new();
    private readonly ConcurrentDictionary<IMemoryOwner<byte>, byte> _poisoned = new(ReferenceEqualityComparer.Instance);

    /// <summary>Wraps a freshly rented lease, after checking that nobody wrote to its memory while it was free.</summary>
    public IMemoryOwner<byte> Track(IMemoryOwner<byte> inner)
    {
        if (_poisoned.TryRemove(inner, out _))
        {
            Span<byte> span = inner.Memory.Span;
            int written = span.IndexOfAnyExcept(Poison);
            if (written >= 0)
            {
                // Poison it again and give the slot back, so the pool stays consistent, then report.
                span.Fill(Poison);
                _poisoned.TryAdd(inner, 0);
                inner.Dispose();
                if (BufferPoolEventSource.Log.IsEnabled())
                {
                    BufferPoolEventSource.Log.WriteAfterReturn(kind, written);
                }

                throw new InvalidOperationException($"A {kind} buffer was written after it was returned: byte {written} of {span.Length} no longer holds the 0x{Poison:X2} poison.");
            }
        }

        // Frames only; the text is rendered when a leak is reported, which keeps a rent in this mode cheap enough.
        var lease = new DiagnosticLease(this, inner, RentStack.Capture());
        _outstanding.TryAdd(lease, 0);
        return lease;
    }

    /// <summary>The leases rented and not returned, oldest first.</summary>
    public IReadOnlyList<BufferPoolLeak> GetLeaks() =>
        [.. _outstanding.Keys.Select(l => l.ToLeak()).OrderBy(l => l.RentedAt)];

    /// <summary>Raises a <c>LeakDetected</c> event per lease still out; called when the pool is disposed.</summary>
    public void ReportLeaks()
    {
        if (!BufferPoolEventSource.Log.IsEnabled())
        {
            return;
        }

        foreach (BufferPoolLeak leak in GetLeaks())
        {
            BufferPoolEventSource.Log.LeakDetected(kind, leak.Bytes, leak.StackTrace);
        }
    }

    private void Return(DiagnosticLease lease, IMemoryOwner<byte> inner)
    {
        _outstanding.TryRemove(lease, out _);
        inner.Memory.Span.Fill(Poison);
        _poisoned.TryAdd(inner, 0);
        inner.Dispose();
    }

    private void ReportStale(string member, StackTrace rentStack) => reporter.StaleUse(member, RentStack.Render(rentStack));

    /// <summary>One rent's owner object: used once, so a stale reference is always recognised.</summary>
    private sealed class DiagnosticLease(DiagnosticTracker tracker, IMemoryOwner<byte> inner, StackTrace stackTrace) : IMemoryOwner<byte>
    {
        private readonly DateTime _rentedAt = DateTime.UtcNow;
        private readonly int _length = inner.Memory.Length;
        private int _disposed;

        public Memory<byte> Memory
        {
            get
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    tracker.ReportStale(nameof(Memory), stackTrace);
                    ThrowHelper.ThrowLeaseUsedAfterDispose();
                }

                return inner.Memory;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                // Reported, then ignored: the slot may belong to another renter by now.
                tracker.ReportStale(nameof(Dispose), stackTrace);
                return;
            }

            tracker.Return(this, inner);
        }

        public BufferPoolLeak ToLeak() => new(_length, _rentedAt, RentStack.Render(stackTrace));
    }
}
