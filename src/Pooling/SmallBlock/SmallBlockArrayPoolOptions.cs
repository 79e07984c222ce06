using BufferPool.Primitives;

namespace BufferPool;

/// <summary>Settings of <see cref="SmallBlockArrayPool{T}"/> (configuration section <c>BufferPool:Arrays</c> in hosting).</summary>
public sealed class SmallBlockArrayPoolOptions : ArrayPoolSettings
{
    /// <summary>Smallest allowed <see cref="ArrayPoolSettings.MaxArrayLength"/>.</summary>
    public const int MinMaxArrayLength = 64;

    /// <summary>Largest allowed <see cref="ArraysPerSizeClass"/>.</summary>
    public const int MaxArraysPerSizeClass = 1024;

    /// <summary>
    /// Idle arrays kept per size class in the shared store, 1 to 1024. Default 64, as the bitmap pool's
    /// <see cref="FreeListArrayPoolOptions.MaxFreeListEntries"/>: MVC's response writer holds one char and one byte
    /// buffer per response across its writes, so at 64 connections a cap of 32 dropped about one return in seven,
    /// and each was allocated again.
    /// </summary>
    public int ArraysPerSizeClass { get; set; } = 64;

    /// <inheritdoc />
    /// <remarks><see cref="ArrayPoolSettings.MaxArrayLength"/> must be a power of two from 64 to 2^30: it is the largest size class.</remarks>
    private protected override void CheckOwn(OptionChecks checks)
    {
        checks.PowerOfTwo(MaxArrayLength, MinMaxArrayLength, MaxMaxArrayLength, nameof(MaxArrayLength));
        checks.InRange(ArraysPerSizeClass, 1, MaxArraysPerSizeClass, nameof(ArraysPerSizeClass));
    }
}
