using System.ComponentModel.DataAnnotations;
using BufferPool.Primitives;
using BufferPool.ThreadCaching;

namespace BufferPool;

/// <summary>
/// The settings every BufferPool <see cref="System.Buffers.ArrayPool{T}"/> has, whatever its algorithm. Mutable so that
/// they bind from configuration; a pool copies and validates the values when it is constructed.
/// </summary>
/// <remarks>
/// An array pool never refuses a rent (the <see cref="System.Buffers.ArrayPool{T}"/> contract has no failure), so its
/// budget has no exhaustion behaviour: past <see cref="MaxReservedBytes"/> it hands out arrays it does not keep.
/// </remarks>
public abstract class ArrayPoolSettings : IValidatableObject
{
    /// <summary>Largest allowed <see cref="MaxArrayLength"/>.</summary>
    public const int MaxMaxArrayLength = 1 << 30;

    private protected ArrayPoolSettings()
    {
    }

    /// <summary>
    /// The longest array (in elements) that is pooled. Longer rents get a fresh array that is dropped on return.
    /// Default 1,048,576.
    /// </summary>
    public int MaxArrayLength { get; set; } = 1024 * 1024;

    /// <summary>Free arrays each thread keeps before it touches the shared store, 0 to 16; 0 turns the cache off. Default 8.</summary>
    public int ThreadCacheSize { get; set; } = 8;

    /// <summary>
    /// Upper bound on the bytes of the arrays the pool owns (rented out or idle), or <see langword="null"/> for no
    /// bound. Past it, a rent that finds no idle array gets a fresh array the pool does not keep, counted as a
    /// fallback. Default <see langword="null"/>.
    /// </summary>
    public long? MaxReservedBytes { get; set; }

    /// <summary>
    /// Diagnostics mode, off by default: the pool remembers every array it hands out, so a return of an array it did
    /// not hand out, or of one already returned (from any thread), throws <see cref="InvalidOperationException"/> and is
    /// not pooled. Every rent and return then takes a lock-free dictionary operation.
    /// </summary>
    public bool DiagnosticsMode { get; set; }

    /// <summary>
    /// Every setting that is out of range, each named as the result's one member and by its message, with its bounds
    /// and the bad value. Array pools run this when they are built; hosting runs it at startup.
    /// </summary>
    /// <param name="validationContext">Not used: the checks need nothing beyond the options.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Check().Results;

    /// <summary>Every setting that is out of range, each with a message that names it.</summary>
    internal OptionChecks Check()
    {
        var checks = new OptionChecks();
        CheckOwn(checks);
        checks.InRange(ThreadCacheSize, 0, ThreadCache.MaxCapacity, nameof(ThreadCacheSize));
        if (MaxReservedBytes is long max)
        {
            checks.InRange(max, 0, long.MaxValue, nameof(MaxReservedBytes));
        }

        return checks;
    }

    /// <summary>Checks the settings of the derived pool, adding every one that is out of range.</summary>
    private protected abstract void CheckOwn(OptionChecks checks);
}
