using System.Buffers;

namespace BufferPool.Leases;

/// <summary>
/// A buffer served outside the pool (budget exhausted); dropped, not pooled, when disposed. The first <c>Dispose</c>
/// counts the return; a second one, in sequence or racing, is ignored.
/// </summary>
internal sealed class UnpooledLease(byte[] array, Action<int> onReturn) : IMemoryOwner<byte>
{
    private byte[]? _array = array;

    public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(UnpooledLease), "The buffer was returned to the pool; its Memory may no longer be used.");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            onReturn(array.Length);
        }
    }
}
