using System.Buffers;

namespace BufferPool.Leases;

/// <summary>A slot's reused owner object, as an engine hands it to its pool: marked rented before it goes out.</summary>
internal interface IPoolLease : IMemoryOwner<byte>
{
    /// <summary>Marks the lease rented; <paramref name="trusted"/> when its owner disposes it at most once (see <see cref="LeaseGuard"/>).</summary>
    void OnRent(bool trusted);
}
