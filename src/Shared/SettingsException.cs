using Microsoft.Extensions.Options;

namespace BufferPool;

/// <summary>
/// Every problem with a part of an app's BufferPool settings, as one <see cref="OptionsValidationException"/>: unknown
/// keys, values that do not convert, and values out of range, each in <see cref="OptionsValidationException.Failures"/>
/// by its configuration path. Its <see cref="Message"/> puts one failure per line, where the base class joins them
/// with semicolons into one: startup logs and console output show the message, and a list reads as a list.
/// </summary>
/// <param name="optionsType">The options type whose validation found the problems.</param>
/// <param name="failures">The problems, each naming its setting.</param>
internal sealed class SettingsException(Type optionsType, IReadOnlyList<string> failures)
    : OptionsValidationException(Options.DefaultName, optionsType, failures)
{
    public override string Message =>
        $"BufferPool's settings have {Failures.Count()} problem{(Failures.Count() == 1 ? "" : "s")}:" +
        string.Concat(Failures.Select(f => Environment.NewLine + "  " + f));
}
