using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>Runs a pool options class's own range checks at startup, so a bad setting stops the app by name.</summary>
/// <param name="validate">The options class's checks; they throw <see cref="ArgumentOutOfRangeException"/> naming the setting.</param>
/// <param name="prefix">Where the setting sits below <c>BufferPool:</c> (<c>Arrays:</c> for the array pools).</param>
internal sealed class PoolOptionsValidator<TOptions>(Action<TOptions> validate, string prefix = "") : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
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
