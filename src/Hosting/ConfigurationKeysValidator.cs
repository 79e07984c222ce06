using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>Fails startup when <see cref="ConfigurationKeysCheck"/> finds unknown keys.</summary>
/// <param name="section">The section the app bound its pool from.</param>
/// <param name="poolOptions">The memory pool's options type.</param>
/// <param name="arrayOptions">The array pools' options type.</param>
/// <param name="kind">The pool kind the section was bound for.</param>
/// <param name="active">The kind the app registered last; a section bound for a replaced kind is not checked.</param>
internal sealed class ConfigurationKeysValidator(IConfiguration section, Type poolOptions, Type arrayOptions, string kind, ActivePoolKind active) : IValidateOptions<ConfigurationKeysCheck>
{
    public ValidateOptionsResult Validate(string? name, ConfigurationKeysCheck options)
    {
        if (active.Kind != kind)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> unknown = ConfigurationKeysCheck.UnknownKeys(section, poolOptions, arrayOptions);
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unknown.Select(k => $"{k}: no BufferPool setting has this name; check its spelling against the README's options tables."));
    }
}
