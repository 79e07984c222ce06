using System.Buffers;
using System.Runtime.InteropServices;

namespace BufferPool.Tests.Contracts;

/// <summary>Helpers to say whether leases share memory, by their backing array and offset.</summary>
internal static class MemoryRegions
{
    public static (byte[] Array, int Offset, int Length) Of(Memory<byte> memory)
    {
        Assert.True(MemoryMarshal.TryGetArray<byte>(memory, out ArraySegment<byte> segment), "pool memory is array-backed");
        return (segment.Array!, segment.Offset, segment.Count);
    }

    /// <summary>Fails if any two of the regions overlap.</summary>
    public static void AssertDisjoint(IEnumerable<Memory<byte>> memories)
    {
        var byArray = memories.Select(Of).GroupBy(r => r.Array, ReferenceEqualityComparer.Instance);
        foreach (var group in byArray)
        {
            var sorted = group.OrderBy(r => r.Offset).ToArray();
            for (int i = 1; i < sorted.Length; i++)
            {
                Assert.True(sorted[i - 1].Offset + sorted[i - 1].Length <= sorted[i].Offset,
                    $"two live leases share memory: [{sorted[i - 1].Offset}, +{sorted[i - 1].Length}) and [{sorted[i].Offset}, +{sorted[i].Length})");
            }
        }
    }

    public static void Stamp(Span<byte> span, int value)
    {
        MemoryMarshal.Cast<byte, int>(span[..(span.Length & ~3)]).Fill(value);
    }

    /// <summary>Index of the first int that is not <paramref name="value"/>, or -1.</summary>
    public static int FindBrokenStamp(ReadOnlySpan<byte> span, int value)
    {
        ReadOnlySpan<int> ints = MemoryMarshal.Cast<byte, int>(span[..(span.Length & ~3)]);
        int at = ints.IndexOfAnyExcept(value);
        return at;
    }

    public static void DisposeAll(IEnumerable<IMemoryOwner<byte>> owners)
    {
        foreach (IMemoryOwner<byte> owner in owners)
        {
            owner.Dispose();
        }
    }
}
