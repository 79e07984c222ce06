using BufferPool.Common;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// Runs an options class's own range checks when the options are built, so that bad settings stop the app by name:
/// every bad setting of the class, each as <c>BufferPool:{prefix}{setting}: {message}</c>.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class PoolOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly Func<TOptions, IReadOnlyList<OptionProblem>> _check;
    private readonly string _prefix;
    private readonly string? _kind;
    private readonly ActivePoolKind? _active;

    private PoolOptionsValidator(Func<TOptions, IReadOnlyList<OptionProblem>> check, string prefix, string? kind, ActivePoolKind? active)
    {
        _check = check;
        _prefix = prefix;
        _kind = kind;
        _active = active;
    }

    /// <summary>A validator over checks that report every bad setting.</summary>
    /// <param name="check">The options class's checks.</param>
    /// <param name="prefix">Where the settings sit below <c>BufferPool:</c> (<c>Arrays:</c> for the array pools).</param>
    /// <param name="kind">The pool kind these options belong to, or null for options every kind uses.</param>
    /// <param name="active">The kind the app registered last; options of a kind it replaced are not validated.</param>
    public static PoolOptionsValidator<TOptions> Checking(Func<TOptions, OptionChecks> check, string prefix = "", string? kind = null, ActivePoolKind? active = null) =>
        new(o => check(o).Problems, prefix, kind, active);

    /// <summary>
    /// A validator over checks that throw <see cref="ArgumentOutOfRangeException"/> naming the setting: for options
    /// classes with one setting, or whose settings depend on one another.
    /// </summary>
    /// <param name="validate">The options class's checks.</param>
    /// <param name="prefix">Where the settings sit below <c>BufferPool:</c>.</param>
    public static PoolOptionsValidator<TOptions> Throwing(Action<TOptions> validate, string prefix = "") =>
        new(o =>
        {
            try
            {
                validate(o);
                return [];
            }
            catch (ArgumentOutOfRangeException ex)
            {
                // The exception's Message appends "(Parameter '...')" and the actual value, both already in the text.
                string message = ex.Message;
                int appended = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
                return [new OptionProblem(ex.ParamName ?? "", ex.ActualValue, appended >= 0 ? message[..appended] : message)];
            }
        }, prefix, null, null);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (_kind is not null && _active is not null && _active.Kind != _kind)
        {
            return ValidateOptionsResult.Skip;
        }

        IReadOnlyList<OptionProblem> problems = _check(options);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"BufferPool:{_prefix}{p.Setting}: {p.Message}"));
    }
}
