using System.Numerics;

namespace BufferPool.Common;

/// <summary>One setting that is out of range: the setting's name (relative to its options class) and a message that
/// names it, its bounds and the bad value.</summary>
internal readonly record struct OptionProblem(string Setting, object? Value, string Message);

/// <summary>
/// Range checks for option classes; every message names the setting, its bounds and the bad value. Each check adds to
/// a list instead of throwing, so that hosting can report every bad value at once; a pool's constructor throws the
/// first (<see cref="ThrowIfAny"/>).
/// </summary>
internal sealed class OptionChecks
{
    private readonly List<OptionProblem> _problems = [];

    /// <summary>Every problem found, in the order the checks ran.</summary>
    public IReadOnlyList<OptionProblem> Problems => _problems;

    /// <summary>Whether <paramref name="setting"/> has a problem already (a rule relative to it then uses its bounds).</summary>
    public bool Failed(string setting) => _problems.Exists(p => p.Setting == setting);

    public void InRange(long value, long min, long max, string setting)
    {
        if (value < min || value > max)
        {
            Add(setting, value, max == long.MaxValue || max == int.MaxValue
                ? $"{setting} must be at least {min}; it was {value}."
                : $"{setting} must be between {min} and {max}; it was {value}.");
        }
    }

    public void PowerOfTwo(long value, long min, long max, string setting)
    {
        if (value < min || value > max || !BitOperations.IsPow2(value))
        {
            Add(setting, value, $"{setting} must be a power of two between {min} and {max}; it was {value}.");
        }
    }

    public void Defined<TEnum>(TEnum value, string setting)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(setting, value, $"{setting} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; it was {value}.");
        }
    }

    public void Add(string setting, object? value, string message) => _problems.Add(new OptionProblem(setting, value, message));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for the first problem, naming its setting.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ArgumentOutOfRangeException(_problems[0].Setting, _problems[0].Value, _problems[0].Message);
        }
    }
}
