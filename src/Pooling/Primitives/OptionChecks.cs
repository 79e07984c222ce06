using System.ComponentModel.DataAnnotations;
using System.Numerics;

namespace BufferPool.Primitives;

/// <summary>
/// Range checks for the options classes' <see cref="IValidatableObject.Validate"/>: every message names the setting,
/// its bounds and the bad value, and each check adds to a list instead of throwing, so that hosting can report every
/// bad value at once.
/// </summary>
internal sealed class OptionChecks
{
    private readonly List<ValidationResult> _results = [];

    /// <summary>Every problem found, in the order the checks ran; each names its setting as its one member.</summary>
    public IReadOnlyList<ValidationResult> Results => _results;

    /// <summary>Whether <paramref name="setting"/> has a problem already (a rule relative to it then uses its bounds).</summary>
    public bool Failed(string setting) => _results.Exists(r => r.MemberNames.Contains(setting));

    public void InRange(long value, long min, long max, string setting)
    {
        if (value < min || value > max)
        {
            Add(setting, max == long.MaxValue || max == int.MaxValue
                ? $"{setting} must be at least {min}; it was {value}."
                : $"{setting} must be between {min} and {max}; it was {value}.");
        }
    }

    public void PowerOfTwo(long value, long min, long max, string setting)
    {
        if (value < min || value > max || !BitOperations.IsPow2(value))
        {
            Add(setting, $"{setting} must be a power of two between {min} and {max}; it was {value}.");
        }
    }

    public void Defined<TEnum>(TEnum value, string setting)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(setting, $"{setting} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; it was {value}.");
        }
    }

    public void Add(string setting, string message) => _results.Add(new ValidationResult(message, [setting]));
}
