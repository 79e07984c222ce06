namespace BufferPool.Hosting;

/// <summary>
/// Which <c>Add...Pool</c> call a service collection ended with. The last call wins (it replaces the pools and every
/// slot the earlier one filled, as <c>Replace</c> does elsewhere in ASP.NET Core), so only its options are validated at
/// startup, and the startup log says what it replaced. Set while services are registered, read once they are built.
/// </summary>
internal sealed class ActivePoolKind
{
    /// <summary>The kind registered last.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>Kinds an earlier call registered and a later one replaced, in order.</summary>
    public List<string> Replaced { get; } = [];

    /// <summary>The collection's record, created on its first <c>Add...Pool</c> call.</summary>
    public static ActivePoolKind Of(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        foreach (Microsoft.Extensions.DependencyInjection.ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ActivePoolKind) && descriptor.ImplementationInstance is ActivePoolKind existing)
            {
                return existing;
            }
        }

        var active = new ActivePoolKind();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, active);
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
}
