using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>Runs a pool options class's own range checks at startup, so a bad setting stops the app by name.</summary>
internal sealed class PoolOptionsValidator<TOptions>(Action<TOptions> validate) : IValidateOptions<TOptions>
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
            return ValidateOptionsResult.Fail($"BufferPool:{ex.ParamName}: {ex.Message}");
        }
    }
}
