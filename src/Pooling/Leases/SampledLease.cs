using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BufferPool.Primitives;

namespace BufferPool.Leases;

/// <summary>
/// The owner object of one rent that sampled tracking follows: a <see cref="MemoryManager{T}"/> over the slot's
/// memory, holding the slot's reused lease and the stack of the rent. Use after <c>Dispose</c>, through the owner or
/// through any <see cref="Memory{T}"/> taken from it, is reported and throws; a second <c>Dispose</c> is reported and
/// ignored. Collected without being disposed, it reports a leak and returns the slot.
/// </summary>
/// <remarks>
/// Returning the slot from the finalizer is safe because every <see cref="Memory{T}"/> handed out refers to this
/// manager: if it is being finalized, no such Memory is alive, and spans cannot outlive their stack frame.
/// <see cref="TryGetArray"/> therefore says no, so the backing array is never handed out, and <see cref="Pin"/>
/// returns a handle that keeps this manager alive. Outside that guarantee: a caller who takes a raw pointer from a
/// pin, or reaches the array some other way, and keeps it past the handle or the owner; and a span still in use in
/// a frame that has dropped the never-disposed owner and every Memory taken from it, across a garbage collection
/// (a span refers to the array, not to this manager).
/// </remarks>
internal sealed class SampledLease : MemoryManager<byte>
{
    private readonly LeaseMisuseReporter _reporter;
    private readonly byte[] _array;
    private readonly int _offset;
    private readonly int _length;
    private readonly StackTrace _rentStack;
    private IMemoryOwner<byte>? _inner;

    public SampledLease(IMemoryOwner<byte> inner, LeaseMisuseReporter reporter)
    {
        bool arrayBacked = MemoryMarshal.TryGetArray<byte>(inner.Memory, out ArraySegment<byte> segment);
        Debug.Assert(arrayBacked, "the pools' leases are slices of their superblocks' arrays");
        _array = segment.Array!;
        _offset = segment.Offset;
        _length = segment.Count;
        _reporter = reporter;
        _inner = inner;
        _rentStack = RentStack.Capture();
    }

    // CA2015 warns that a span taken from this manager can still be in use in a frame that dropped every reference
    // to the manager and its Memory. That is the one case the remarks leave out: it needs a lease that is never
    // disposed and whose span is used across a garbage collection after everything else about it was dropped.
#pragma warning disable CA2015
    ~SampledLease()
#pragma warning restore CA2015
    {
        // Nothing reaches this owner any more, so nothing reaches its memory (see the remarks): give the slot back,
        // unless the pool is gone. An exception here would end the process, so none may leave.
        try
        {
            IMemoryOwner<byte>? inner = _inner;
            if (inner is null)
            {
                return;
            }

            if (!_reporter.PoolDisposed)
            {
                inner.Dispose();
            }

            _reporter.Leak(_length, RentStack.Render(_rentStack));
        }
        catch (Exception)
        {
            // Reporting is best effort here: a host's logger may already be disposed at shutdown.
        }
    }

    public override Memory<byte> Memory
    {
        get
        {
            ThrowIfReturned(nameof(Memory));
            return CreateMemory(_length);
        }
    }

    public override Span<byte> GetSpan()
    {
        ThrowIfReturned("Memory.Span");
        return new Span<byte>(_array, _offset, _length);
    }

    /// <summary>
    /// Pins nothing: the superblocks are allocated on the pinned object heap. The handle refers to this manager,
    /// which keeps the owner, and so the slot, from being reclaimed while the handle is held.
    /// </summary>
    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        ThrowIfReturned("Memory.Pin");
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        void* pointer = Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset + elementIndex));
        return new MemoryHandle(pointer, default, this);
    }

    public override void Unpin()
    {
        // Nothing to undo: see Pin.
    }

    /// <summary>No: a caller holding the array could outlive this owner, which would make the leak path unsafe.</summary>
    protected override bool TryGetArray(out ArraySegment<byte> segment)
    {
        segment = default;
        return false;
    }

    /// <summary>
    /// Called by <c>IDisposable.Dispose</c>, which then suppresses the finalizer. The first call returns the slot; a
    /// second one, in sequence or racing, finds nothing to return: it is reported as a stale use and otherwise ignored,
    /// as the <see cref="IDisposable"/> guidelines ask.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        Debug.Assert(disposing, "the finalizer does its own work and does not call Dispose(false)");
        IMemoryOwner<byte>? inner = Interlocked.Exchange(ref _inner, null);
        if (inner is null)
        {
            ReportStale("Dispose");
            return;
        }

        inner.Dispose();
    }

    private void ThrowIfReturned(string member)
    {
        if (Volatile.Read(ref _inner) is null)
        {
            ReportStaleAndThrow(member);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportStale(string member) => _reporter.StaleUse(member, RentStack.Render(_rentStack));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportStaleAndThrow(string member)
    {
        ReportStale(member);
        ThrowHelper.ThrowLeaseUsedAfterDispose();
    }
}
