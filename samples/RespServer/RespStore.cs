using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace RespServer;

/// <summary>
/// The key space: values in leases rented from the app's <see cref="MemoryPool{T}"/>, copied in once from the
/// request's bytes, in chunks of at most the pool's <c>MaxBufferSize</c> (64 KiB for the small-block pool, 4 KiB for
/// the bitmap pool), returned on overwrite, on delete and by <see cref="Clear"/> when the server stops. Keys are byte
/// arrays looked up by span, so GET, DEL and an overwriting SET allocate no key. One lock: it is a sample.
/// </summary>
public sealed class RespStore : IDisposable
{
    private readonly MemoryPool<byte> _pool;
    private readonly int _chunk;
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], StoredValue> _values = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], StoredValue>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private long _leases;
    private long _bytes;

    /// <summary>A store renting from <paramref name="pool"/>; <paramref name="kind"/> is the <c>BufferPool:Kind</c> it reports.</summary>
    public RespStore(MemoryPool<byte> pool, string kind)
    {
        _pool = pool;
        _chunk = Math.Min(pool.MaxBufferSize, RespServerApp.MaxValueBytes);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<byte>>();
        Kind = kind;
    }

    /// <summary>The pool the values live in.</summary>
    public MemoryPool<byte> Pool => _pool;

    /// <summary>The <c>BufferPool:Kind</c> the app was started with.</summary>
    public string Kind { get; }

    /// <summary>Keys stored now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>Leases the stored values hold now.</summary>
    public long StoredLeases => Interlocked.Read(ref _leases);

    /// <summary>Bytes of the leases the stored values hold now (each lease's whole <c>Memory.Length</c>).</summary>
    public long StoredBytes => Interlocked.Read(ref _bytes);

    /// <summary>Stores a copy of <paramref name="value"/> under <paramref name="key"/>, returning the old value's leases.</summary>
    public void Set(ReadOnlySpan<byte> key, in ReadOnlySequence<byte> value)
    {
        // Rent and copy outside the lock: the copy is the expensive part, and the pool is thread-safe.
        StoredValue fresh = StoredValue.CopyFrom(_pool, _chunk, value);
        Account(fresh, +1);
        StoredValue? old;
        lock (_lock)
        {
            if (_lookup.TryGetValue(key, out old))
            {
                _lookup[key] = fresh;
            }
            else
            {
                _values.Add(key.ToArray(), fresh);
            }
        }

        if (old is not null)
        {
            Account(old, -1);
            old.Dispose();
        }
    }

    /// <summary>Writes the value of <paramref name="key"/> as a RESP bulk string, or a null bulk string if absent.</summary>
    public void WriteValue(ReadOnlySpan<byte> key, IBufferWriter<byte> output)
    {
        // Under the lock: a concurrent SET or DEL would otherwise return the leases while they are being copied out.
        lock (_lock)
        {
            if (_lookup.TryGetValue(key, out StoredValue? value))
            {
                Resp.WriteBulkHeader(output, value.Length);
                value.WriteTo(output);
                output.Write("\r\n"u8);
            }
            else
            {
                output.Write("$-1\r\n"u8);
            }
        }
    }

    /// <summary>Removes <paramref name="key"/>; true if it was there.</summary>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        StoredValue? value;
        lock (_lock)
        {
            if (!_lookup.Remove(key, out _, out value))
            {
                return false;
            }
        }

        Account(value, -1);
        value.Dispose();
        return true;
    }

    /// <summary>Removes every key and returns every lease to the pool.</summary>
    public void Clear()
    {
        StoredValue[] all;
        lock (_lock)
        {
            all = [.. _values.Values];
            _values.Clear();
        }

        foreach (StoredValue value in all)
        {
            Account(value, -1);
            value.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    private void Account(StoredValue value, int sign)
    {
        Interlocked.Add(ref _leases, sign * value.LeaseCount);
        Interlocked.Add(ref _bytes, sign * value.LeasedBytes);
    }

    /// <summary>One stored value: its bytes in order across one or more leases.</summary>
    private sealed class StoredValue : IDisposable
    {
        private readonly IMemoryOwner<byte>[] _leases;

        private StoredValue(IMemoryOwner<byte>[] leases, int length)
        {
            _leases = leases;
            Length = length;
            foreach (IMemoryOwner<byte> lease in leases)
            {
                LeasedBytes += lease.Memory.Length;
            }
        }

        public int Length { get; }

        public int LeaseCount => _leases.Length;

        public long LeasedBytes { get; }

        public static StoredValue CopyFrom(MemoryPool<byte> pool, int chunk, in ReadOnlySequence<byte> value)
        {
            int length = checked((int)value.Length);
            var leases = new IMemoryOwner<byte>[(length + chunk - 1) / chunk];
            int rented = 0;
            try
            {
                for (long offset = 0; rented < leases.Length; rented++, offset += chunk)
                {
                    int size = (int)Math.Min(chunk, length - offset);
                    IMemoryOwner<byte> lease = pool.Rent(size);
                    leases[rented] = lease;
                    value.Slice(offset, size).CopyTo(lease.Memory.Span);
                }
            }
            catch
            {
                for (int i = 0; i < rented; i++)
                {
                    leases[i].Dispose();
                }

                throw;
            }

            return new StoredValue(leases, length);
        }

        public void WriteTo(IBufferWriter<byte> output)
        {
            int left = Length;
            foreach (IMemoryOwner<byte> lease in _leases)
            {
                int part = Math.Min(left, lease.Memory.Length);
                output.Write(lease.Memory.Span[..part]);
                left -= part;
            }
        }

        public void Dispose()
        {
            foreach (IMemoryOwner<byte> lease in _leases)
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Byte-array keys, compared by content, looked up by span without allocating.</summary>
    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode([DisallowNull] byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
