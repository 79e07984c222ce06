using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>When the BufferPool health check reports pressure (configure it through <c>AddBufferPool(...)</c>).</summary>
public sealed class BufferPoolHealthCheckOptions
{
    /// <summary>
    /// Degraded while a pool's bytes in use pass this share of its <c>MaxReservedBytes</c> (ignored without a budget),
    /// from 0 to 1. Default 0.9. In-use bytes, not reserved ones: memory a pool keeps idle for the next burst is not
    /// pressure, and a budget of one superblock is always fully reserved.
    /// </summary>
    [SettingRange(0.0, 1.0)]
    public double InUseShareThreshold { get; set; } = 0.9;

    /// <summary>
    /// Degraded for this long after the memory pool last served a rent outside itself because its budget was spent,
    /// from 1 second to 1 day. Default 1 minute. Each probe judges the pools as they are and this fixed window, so two
    /// probes at the same moment agree.
    /// </summary>
    [SettingRange("00:00:01", "1.00:00:00")]
    public TimeSpan FallbackWindow { get; set; } = TimeSpan.FromMinutes(1);

}

/// <summary>
/// A setting's inclusive range, for the options source generator: the message names the setting, its bounds and the
/// bad value, as every BufferPool options message does. <see cref="RangeAttribute"/> is not used: its
/// <see cref="Type"/> form converts its bounds through reflection, which trimming cannot follow, and the generator's
/// copy of it ignores <see cref="ValidationAttribute.ErrorMessage"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute : ValidationAttribute
{
    private readonly IComparable _minimum;
    private readonly IComparable _maximum;

    /// <summary>A <see cref="double"/> from <paramref name="minimum"/> to <paramref name="maximum"/>; NaN is out of range.</summary>
    public SettingRangeAttribute(double minimum, double maximum)
    {
        _minimum = minimum;
        _maximum = maximum;
    }

    /// <summary>A <see cref="TimeSpan"/> between two bounds written in the <c>c</c> format.</summary>
    public SettingRangeAttribute(string minimum, string maximum)
    {
        _minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        _maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        bool inRange = value is IComparable v && value.GetType() == _minimum.GetType() && v.CompareTo(_minimum) >= 0 && v.CompareTo(_maximum) <= 0
            && value is not double.NaN;
        string member = validationContext.MemberName ?? validationContext.DisplayName;
        return inRange
            ? ValidationResult.Success
            : new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{member} must be between {_minimum} and {_maximum}; it was {value}."), [member]);
    }
}

/// <summary>
/// Checks <see cref="BufferPoolHealthCheckOptions"/>' DataAnnotations through code the options source generator writes
/// (no reflection, so trim- and AOT-safe); <see cref="HealthCheckOptionsValidator"/> names each failure by setting.
/// </summary>
[OptionsValidator]
internal sealed partial class GeneratedHealthCheckOptionsValidator : IValidateOptions<BufferPoolHealthCheckOptions>;

/// <summary>Runs the generated checks, naming each bad setting as <c>BufferPool:HealthCheck:{setting}</c>.</summary>
internal sealed class HealthCheckOptionsValidator : IValidateOptions<BufferPoolHealthCheckOptions>
{
    private readonly GeneratedHealthCheckOptionsValidator _generated = new();

    public ValidateOptionsResult Validate(string? name, BufferPoolHealthCheckOptions options)
    {
        ValidateOptionsResult result = _generated.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(f => "BufferPool:HealthCheck:" + f))
            : result;
    }
}
