using System.Numerics;

namespace BufferPool.Common;

/// <summary>Range checks for option classes; every message names the setting, its bounds and the bad value.</summary>
internal static class OptionChecks
{
    public static void InRange(long value, long min, long max, string setting)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(setting, value, max == long.MaxValue || max == int.MaxValue
                ? $"{setting} must be at least {min}; it was {value}."
                : $"{setting} must be between {min} and {max}; it was {value}.");
        }
    }

    public static void PowerOfTwo(long value, long min, long max, string setting)
    {
        if (value < min || value > max || !BitOperations.IsPow2(value))
        {
            throw new ArgumentOutOfRangeException(setting, value, $"{setting} must be a power of two between {min} and {max}; it was {value}.");
        }
    }

    public static void Defined<TEnum>(TEnum value, string setting)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(setting, value, $"{setting} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; it was {value}.");
        }
    }
}
