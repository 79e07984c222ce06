using System.Runtime.InteropServices;

namespace BufferPool.Benchmarks;

/// <summary>A long on a cache line of its own (Handoff's two published indices), so two threads share only what they must.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
