using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace BufferPool;

/// <summary>
/// One options class bound from one configuration section, checked by the configuration binder itself: a key that
/// <see cref="BinderOptions.ErrorOnUnknownConfiguration"/> rejects, or a value the binder cannot convert, is a problem.
/// The binder stops at the first of either, so each key is bound alone to find them all; the keys that bind cleanly
/// are what <see cref="Bind"/> applies, so a bad key never stops the rest from binding and every problem is reported
/// together with the options' own range checks.
/// </summary>
/// <remarks>
/// The binding itself is the caller's delegate, written where <typeparamref name="TOptions"/> is a concrete type, so
/// that the configuration-binding source generator replaces it (trim- and AOT-safe). The options' public properties,
/// read through <see cref="DynamicallyAccessedMembersAttribute"/> (kept by trimming), serve only to word a problem:
/// the nearest setting to a misspelled key, and the type a value must have.
/// </remarks>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class BoundSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>
    where TOptions : class, new()
{
    private readonly IConfiguration _section;
    private readonly Action<IConfiguration, TOptions, Action<BinderOptions>?> _bind;
    private readonly HashSet<string> _ownedElsewhere;

    /// <param name="section">The section, usually <c>BufferPool</c> or one of its subsections.</param>
    /// <param name="bind">Binds a configuration to the options: <c>static (c, o, b) =&gt; c.Bind(o, b)</c> at a call site where the type is concrete.</param>
    /// <param name="ownedElsewhere">Keys of the section that another part of BufferPool reads (subsections, <c>Kind</c>).</param>
    public BoundSection(IConfiguration section, Action<IConfiguration, TOptions, Action<BinderOptions>?> bind, params string[] ownedElsewhere)
    {
        _section = section;
        _bind = bind;
        _ownedElsewhere = new HashSet<string>(ownedElsewhere, StringComparer.OrdinalIgnoreCase);
        Path = section is IConfigurationSection s ? s.Path + ":" : "";
    }

    /// <summary>The section's path with a trailing colon (<c>BufferPool:</c>), the prefix of every problem's key.</summary>
    public string Path { get; }

    /// <summary>Binds every key of the section that binds cleanly; the others are left at their defaults.</summary>
    public void Bind(TOptions options) => _bind(Clean(problems: null), options, null);

    /// <summary>Every unknown key and every value that does not convert, each as <c>{path}: {what is wrong}</c>.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        _ = Clean(problems);
        return problems;
    }

    private IConfiguration Clean(List<string>? problems)
    {
        var clean = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection child in _section.GetChildren())
        {
            if (_ownedElsewhere.Contains(child.Key))
            {
                continue;
            }

            Dictionary<string, string?> entries = RelativeEntries(child);
            try
            {
                _bind(new ConfigurationBuilder().AddInMemoryCollection(entries).Build(), new TOptions(), static b => b.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                // The binder's unknown-key error has no inner exception; a conversion error wraps the parser's.
                problems?.Add(ex.InnerException is null ? Unknown(child) : Unconvertible(child));
                continue;
            }

            foreach (KeyValuePair<string, string?> entry in entries)
            {
                clean[entry.Key] = entry.Value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(clean).Build();
    }

    // The child's values with keys relative to the section: its own value under its key, and those below it.
    private Dictionary<string, string?> RelativeEntries(IConfigurationSection child)
    {
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string?> entry in child.AsEnumerable())
        {
            entries[entry.Key[Path.Length..]] = entry.Value;
        }

        return entries;
    }

    private static string Unknown(IConfigurationSection child)
    {
        string? nearest = NearestName.Find(child.Key, Settings().Select(static p => p.Name));
        string suggestion = nearest is null ? $" The settings of {typeof(TOptions).Name} are {string.Join(", ", Settings().Select(p => p.Name))}." : $" Did you mean {nearest}?";
        return $"{child.Path}: no setting of {typeof(TOptions).Name} has this name.{suggestion}";
    }

    private static string Unconvertible(IConfigurationSection child)
    {
        Type? type = Settings().FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        string expected = type switch
        {
            null => "a value of the setting's type",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => "a time span such as 00:00:05",
            _ => "a " + type.Name,
        };
        string? nearest = type is { IsEnum: true } && child.Value is not null ? NearestName.Find(child.Value, Enum.GetNames(type)) : null;
        return $"{child.Path}: '{child.Value}' is not {expected}.{(nearest is null ? "" : $" Did you mean {nearest}?")}";
    }

    private static IEnumerable<PropertyInfo> Settings() =>
        typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.SetMethod is { IsPublic: true });
}
