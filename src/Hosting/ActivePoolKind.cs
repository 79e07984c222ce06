using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting;

/// <summary>
/// What the <c>Add...Pool</c> calls of one service collection registered: which kind the last call chose (the last call
/// wins: it replaces the pools and every slot the earlier one filled, as <c>Replace</c> does elsewhere in ASP.NET Core,
/// so only its options are validated at startup and the startup log says what it replaced), and, per options class,
/// where its settings come from. Set while services are registered, read once they are built.
/// </summary>
internal sealed class ActivePoolKind
{
    private readonly Dictionary<Type, SettingsSource> _sources = [];

    /// <summary>The kind registered last.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Kinds an earlier call registered and a later one replaced, in order.</summary>
    public List<string> Replaced { get; } = [];

    /// <summary>The collection's record, created on its first <c>Add...Pool</c> call.</summary>
    public static ActivePoolKind Of(IServiceCollection services)
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ActivePoolKind) && descriptor.ImplementationInstance is ActivePoolKind existing)
            {
                return existing;
            }
        }

        var active = new ActivePoolKind();
        services.AddSingleton(active);
        return active;
    }

    public void Register(string kind)
    {
        if (Kind.Length > 0 && Kind != kind)
        {
            Replaced.Add(Kind);
        }

        Kind = kind;
    }

    /// <summary>Where the settings of <typeparamref name="TOptions"/> come from now; the last registration wins.</summary>
    public void SetSource<TOptions>(SettingsSource source) => _sources[typeof(TOptions)] = source;

    /// <summary>Where the settings of <typeparamref name="TOptions"/> come from: a section, or code.</summary>
    public SettingsSource SourceOf<TOptions>() =>
        _sources.TryGetValue(typeof(TOptions), out SettingsSource? source) ? source : SettingsSource.Code<TOptions>();
}

/// <summary>
/// Where an options class's settings come from, as startup's failures name them: a configuration section (failures by
/// path, <c>BufferPool:Arrays:MaxArrayLength</c>, with the section's unknown keys and unconvertible values), or code
/// (<c>SmallBlockPoolOptions.BlockSize</c>).
/// </summary>
/// <param name="Prefix">What goes before a setting's name in a failure.</param>
/// <param name="Problems">The section's own problems (unknown keys, values that do not convert, a wrong <c>Kind</c>).</param>
internal sealed record SettingsSource(string Prefix, Func<IEnumerable<string>> Problems)
{
    public static SettingsSource Code<TOptions>() => new(typeof(TOptions).Name + ".", static () => []);
}
