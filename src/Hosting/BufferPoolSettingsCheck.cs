using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

/// <summary>
/// An options type with no settings, validated on start, whose validator checks every BufferPool setting the app
/// registered (<see cref="BufferPoolSettingsValidator{TOptions, TArrayOptions}"/>): one type, so that startup fails with
/// one <see cref="OptionsValidationException"/> that lists every problem, each by its configuration path.
/// </summary>
internal sealed class BufferPoolSettingsCheck;

/// <summary>
/// Gathers, for the active pool kind, every problem of the memory pool's, the array pools' and the trimming options:
/// first each section's unknown keys and unconvertible values (<see cref="BoundSection{TOptions}"/>), then the options'
/// own range checks (their generated validators, run by the options factory), and throws them together as a
/// <see cref="SettingsException"/>.
/// </summary>
/// <param name="pool">Builds the memory pool's options (running their validator).</param>
/// <param name="arrays">Builds the array pools' options.</param>
/// <param name="trimming">Builds the trimming options.</param>
/// <param name="kind">The pool kind these options belong to.</param>
/// <param name="active">What the app registered; a replaced kind's options are not validated.</param>
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
        Collect(pool, active.SourceOf<TOptions>(), failures);
        Collect(arrays, active.SourceOf<TArrayOptions>(), failures);
        Collect(trimming, active.SourceOf<BufferPoolTrimmingOptions>(), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : throw new SettingsException(typeof(BufferPoolSettingsCheck), failures);
    }

    private static void Collect<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IOptionsFactory<T> factory, SettingsSource source, List<string> failures)
        where T : class
    {
        failures.AddRange(source.Problems());
        try
        {
            factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            // The generated validators name each setting ("BlockSize: ..."); the source says where it lives.
            failures.AddRange(ex.Failures.Select(f => source.Prefix + f));
        }
    }
}
