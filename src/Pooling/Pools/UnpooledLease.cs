using System.Buffers;

namespace BufferPool;

/// <summary>A buffer served outside the pool (budget exhausted); dropped, not pooled, when disposed.</summary>
internal sealed class UnpooledLease(byte[] array, Action<int> onReturn) : IMemoryOwner<byte>
{
    private byte[]? _array = array;

    public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(UnpooledLease), "The buffer was returned to the pool; its Memory may no longer be used.");

    public void Dispose()
    {
        byte[] array = Interlocked.Exchange(ref _array, null) ?? throw new InvalidOperationException("This buffer was already returned to the pool; a lease may be disposed only once.");
        onReturn(array.Length);
    }
}
