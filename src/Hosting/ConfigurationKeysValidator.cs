using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>Fails startup naming every key <see cref="ConfigurationKeysCheck"/> finds unknown.</summary>
/// <param name="section">The section the app bound its pool from.</param>
/// <param name="poolSettings">The memory pool's keys.</param>
/// <param name="arraySettings">The array pools' keys.</param>
/// <param name="kind">The pool kind the section was bound for.</param>
/// <param name="active">The kind the app registered last; a section bound for a replaced kind is not checked.</param>
internal sealed class ConfigurationKeysValidator(IConfiguration section, IReadOnlyCollection<string> poolSettings, IReadOnlyCollection<string> arraySettings, string kind, ActivePoolKind active)
    : IValidateOptions<BufferPoolSettingsCheck>
{
    public ValidateOptionsResult Validate(string? name, BufferPoolSettingsCheck options)
    {
        if (active.Kind != kind)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> unknown = ConfigurationKeysCheck.UnknownKeys(section, poolSettings, arraySettings);
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unknown.Select(k => $"{k}: no BufferPool setting has this name; check its spelling against the README's options tables."));
    }
}
