using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>Runs a pool options class's own range checks at startup, so a bad setting stops the app by name.</summary>
/// <param name="validate">The options class's checks; they throw <see cref="ArgumentOutOfRangeException"/> naming the setting.</param>
/// <param name="prefix">Where the setting sits below <c>BufferPool:</c> (<c>Arrays:</c> for the array pools).</param>
/// <param name="kind">The pool kind these options belong to, or null for options every kind uses.</param>
/// <param name="active">The kind the app registered last; options of a kind it replaced are not validated.</param>
internal sealed class PoolOptionsValidator<TOptions>(Action<TOptions> validate, string prefix = "", string? kind = null, ActivePoolKind? active = null) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (kind is not null && active is not null && active.Kind != kind)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The exception's Message appends "(Parameter '...')" and the actual value, both already in the text.
            string message = ex.Message;
            int appended = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            return ValidateOptionsResult.Fail($"BufferPool:{prefix}{ex.ParamName}: {(appended >= 0 ? message[..appended] : message)}");
        }
    }
}
