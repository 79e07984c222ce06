using System.Buffers;
using BufferPool.Diagnostics;

namespace BufferPool.Hosting;

/// <summary>
/// The pools one app's container owns: the memory pool behind Kestrel, <see cref="MemoryPool{T}"/> and
/// <see cref="System.IO.Pipelines.PipeOptions"/>, and MVC's <see cref="ArrayPool{T}"/> of <see cref="byte"/> and
/// <see cref="char"/>. The trimming service, the health check, the statistics endpoint and the Meter work over these
/// and nothing else, so two apps in one process never see each other's pools.
/// </summary>
internal sealed class AppBufferPools(BufferMemoryPool memory, BufferArrayPool<byte> bytes, BufferArrayPool<char> chars) : IDisposable
{
    private readonly List<OwnedMemoryPoolView> _views = [];
    private long _appRents;
    private long _appRentedBytes;

    public BufferMemoryPool Memory { get; } = memory;

    public BufferArrayPool<byte> Bytes { get; } = bytes;

    public BufferArrayPool<char> Chars { get; } = chars;

    /// <summary>Every pool the app owns.</summary>
    public IReadOnlyList<IBufferPool> All => [Memory, Bytes, Chars];

    /// <summary>The views handed to Kestrel (one per IO queue) and to the app, in the order they were created.</summary>
    public IReadOnlyList<OwnedMemoryPoolView> Views
    {
        get
        {
            lock (_views)
            {
                return [.. _views];
            }
        }
    }

    /// <summary>
    /// Who rents from the memory pool: <c>app</c> (the container's <see cref="MemoryPool{T}"/> and
    /// <see cref="System.IO.Pipelines.PipeOptions"/>) and the owner of each view (<c>kestrel</c>, <c>sockets</c>, ...).
    /// </summary>
    public string MemoryOwners() =>
        string.Join(", ", Views.Select(v => v.Owner).Prepend(PoolReading.AppOwner).Distinct(StringComparer.Ordinal));

    /// <summary>A view over the memory pool whose rents count for <paramref name="owner"/>.</summary>
    public OwnedMemoryPoolView CreateView(string owner)
    {
        var view = new OwnedMemoryPoolView(Memory, owner);
        lock (_views)
        {
            _views.Add(view);
        }

        return view;
    }

    /// <summary>
    /// A reading per pool, plus one per owner other than the app that rents through a view (Kestrel's transport), whose
    /// rents are taken out of the app's, so that <c>bufferpool.owner</c> means what it says.
    /// </summary>
    public IEnumerable<PoolReading> Read()
    {
        BufferPoolStatistics memory = Memory.GetStatistics();
        var owners = new Dictionary<string, (long Rents, long Bytes)>();
        foreach (OwnedMemoryPoolView view in Views)
        {
            if (view.Owner != PoolReading.AppOwner)
            {
                owners.TryGetValue(view.Owner, out var sum);
                owners[view.Owner] = (sum.Rents + view.RentCount, sum.Bytes + view.RentedBytes);
            }
        }

        // The pool's totals and the views' are read at slightly different moments, so the difference can dip below
        // what was reported before; a running total must never go down, so report the highest seen.
        long otherRents = owners.Values.Sum(o => o.Rents), otherBytes = owners.Values.Sum(o => o.Bytes);
        long appRents = Monotonic(ref _appRents, memory.RentCount - otherRents);
        long appBytes = Monotonic(ref _appRentedBytes, memory.RentedBytes - otherBytes);
        yield return new PoolReading(Memory, PoolReading.AppOwner, memory with { RentCount = appRents, RentedBytes = appBytes });
        foreach (var (owner, (rents, rentedBytes)) in owners)
        {
            yield return new PoolReading(Memory, owner, new BufferPoolStatistics { RentCount = rents, RentedBytes = rentedBytes }, RentsOnly: true);
        }

        yield return new PoolReading(Bytes, PoolReading.AppOwner, Bytes.GetStatistics());
        yield return new PoolReading(Chars, PoolReading.AppOwner, Chars.GetStatistics());
    }

    /// <summary>Trims every pool; returns the bytes released.</summary>
    public long Trim() => All.Sum(p => p.Trim());

    public void Dispose()
    {
        foreach (IBufferPool pool in All)
        {
            pool.Dispose();
        }

        foreach (OwnedMemoryPoolView view in Views)
        {
            view.ReleaseCounts();
        }
    }

    private static long Monotonic(ref long highest, long value)
    {
        long seen = Volatile.Read(ref highest);
        while (value > seen)
        {
            long was = Interlocked.CompareExchange(ref highest, value, seen);
            if (was == seen)
            {
                return value;
            }

            seen = was;
        }

        return seen;
    }
}
