using System.ComponentModel.DataAnnotations;

namespace BufferPool;

/// <summary>
/// Every BufferPool options class validates itself as an <see cref="IValidatableObject"/>, the one mechanism both
/// paths use: hosting runs it through the options source generator's validators at startup, reporting every problem;
/// a pool, pipe or server built without DI runs it here and throws for the first. This file is compiled into each
/// package (as ASP.NET Core shares its <c>src/Shared</c> sources), so no package needs another's internals.
/// </summary>
internal static class ValidatableOptions
{
    /// <summary>Every problem of <paramref name="options"/>, in the order its checks ran.</summary>
    public static IEnumerable<ValidationResult> Problems(IValidatableObject options) =>
        options.Validate(new ValidationContext(options, options.GetType().Name, serviceProvider: null, items: null));

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> for the first problem of <paramref name="options"/>, its
    /// <see cref="ArgumentException.ParamName"/> the setting and its message the check's, which names the setting, its
    /// bounds and the bad value.
    /// </summary>
    public static void ThrowIfInvalid(IValidatableObject options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (ValidationResult problem in Problems(options))
        {
            throw new ArgumentOutOfRangeException(problem.MemberNames.FirstOrDefault(), problem.ErrorMessage);
        }
    }
}
