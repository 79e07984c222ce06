using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// An options type with no settings, validated on start, whose validators check every BufferPool setting the app
/// registered: unknown keys under the <c>BufferPool</c> section (<see cref="ConfigurationKeysValidator"/>) and every
/// bad value of the memory pool's, the array pools' and the trimming options
/// (<see cref="BufferPoolSettingsValidator{TOptions, TArrayOptions}"/>). One type, so that startup fails with one
/// <see cref="OptionsValidationException"/> that lists every problem, each by its configuration path.
/// </summary>
internal sealed class BufferPoolSettingsCheck;

/// <summary>Gathers the failures of the active pool kind's options into <see cref="BufferPoolSettingsCheck"/>'s.</summary>
/// <param name="pool">Builds the memory pool's options (running their <see cref="PoolOptionsValidator{TOptions}"/>).</param>
/// <param name="arrays">Builds the array pools' options.</param>
/// <param name="trimming">Builds the trimming options.</param>
/// <param name="kind">The pool kind these options belong to.</param>
/// <param name="active">The kind the app registered last; a replaced kind's options are not validated.</param>
internal sealed class BufferPoolSettingsValidator<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TArrayOptions>(
    IOptionsFactory<TOptions> pool,
    IOptionsFactory<TArrayOptions> arrays,
    IOptionsFactory<BufferPoolTrimmingOptions> trimming,
    string kind,
    ActivePoolKind active) : IValidateOptions<BufferPoolSettingsCheck>
    where TOptions : class
    where TArrayOptions : class
{
    public ValidateOptionsResult Validate(string? name, BufferPoolSettingsCheck options)
    {
        if (active.Kind != kind)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        Collect(pool, failures);
        Collect(arrays, failures);
        Collect(trimming, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IOptionsFactory<T> factory, List<string> failures)
        where T : class
    {
        try
        {
            factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
    }
}
