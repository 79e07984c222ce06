using System.Buffers;

namespace BufferPool;

/// <summary>A slot's reused owner object, as an engine hands it to its pool: marked rented before it goes out.</summary>
internal interface IPoolLease : IMemoryOwner<byte>
{
    void OnRent();
}
