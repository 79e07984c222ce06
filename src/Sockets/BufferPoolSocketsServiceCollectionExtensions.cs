using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using BufferPool;
using BufferPool.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BufferPool's socket pipes and hosted socket servers.</summary>
public static class BufferPoolSocketsServiceCollectionExtensions
{
    /// <summary>The owner the pipes' pool is created for (<c>MemoryPoolOptions.Owner</c>, the <c>bufferpool.owner</c> tag).</summary>
    public const string Owner = "sockets";

    /// <summary>
    /// Registers <see cref="SocketPipeOptions"/> over the pool that the container's <see cref="IMemoryPoolFactory{T}"/>
    /// creates for owner <see cref="Owner"/>: after <c>AddSmallBlockPool()</c> or <c>AddBitmapPool()</c>, a view of the
    /// app's memory pool tagged <c>sockets</c>, which rents the pool's reused, allocation-free leases as Kestrel's
    /// transport does (a pipe disposes each segment exactly once). Without a factory, the container's
    /// <see cref="MemoryPool{T}"/> if any, else <see cref="MemoryPool{T}.Shared"/>. Options are validated at start.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the pipes' options.</param>
    public static IServiceCollection AddBufferPoolSockets(this IServiceCollection services, Action<BufferPoolSocketOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<BufferPoolSocketOptions> options = services.AddOptions<BufferPoolSocketOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddSocketsCore();
    }

    /// <summary>As <see cref="AddBufferPoolSockets(IServiceCollection, Action{BufferPoolSocketOptions}?)"/>, binding the options from <paramref name="configuration"/> (usually <c>BufferPool:Sockets</c>).</summary>
    public static IServiceCollection AddBufferPoolSockets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // A concrete type in the bind delegate, so that the configuration-binding source generator replaces the call.
        var section = new BoundSection<BufferPoolSocketOptions>(configuration, static (c, o, b) => c.Bind(o, b));
        services.AddOptions<BufferPoolSocketOptions>().Configure(section.Bind);
        services.AddSingleton(section);
        return services.AddSocketsCore();
    }

    /// <summary>
    /// Registers <typeparamref name="TServer"/> as a singleton and as a hosted service, listening where
    /// <paramref name="configure"/> says, over the <see cref="SocketPipeOptions"/> that <c>AddBufferPoolSockets</c> registers
    /// (added here too if missing).
    /// </summary>
    public static IServiceCollection AddBufferPoolSocketServer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TServer>(this IServiceCollection services, Action<BufferPoolSocketServerOptions>? configure = null)
        where TServer : BufferPoolSocketServer
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<BufferPoolSocketServerOptions> options = services.AddOptions<BufferPoolSocketServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolSocketServerOptions>, BufferPoolSocketServerOptionsValidator>());
        services.AddSocketsCore();
        services.TryAddSingleton<TServer>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<TServer>());
        return services;
    }

    private static IServiceCollection AddSocketsCore(this IServiceCollection services)
    {
        services.AddOptions<BufferPoolSocketOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolSocketOptions>, SocketSettingsValidator>());
        services.TryAddSingleton(static sp =>
        {
            MemoryPool<byte> pool = sp.GetService<IMemoryPoolFactory<byte>>()?.Create(new MemoryPoolOptions { Owner = Owner })
                ?? sp.GetService<MemoryPool<byte>>()
                ?? MemoryPool<byte>.Shared;
            return SocketPipeOptions.Create(pool, sp.GetRequiredService<IOptions<BufferPoolSocketOptions>>().Value);
        });
        return services;
    }
}

/// <summary>
/// The socket options' checks at startup, all at once: the unknown keys and unconvertible values of the section they
/// were bound from, if any, then their own range checks (the generated validator), each by its configuration path
/// (<c>BufferPool:Sockets:PauseWriterThreshold</c>), or by the options' name when code set them.
/// </summary>
internal sealed class SocketSettingsValidator(IServiceProvider services) : IValidateOptions<BufferPoolSocketOptions>
{
    private readonly BufferPoolSocketOptionsValidator _generated = new();

    public ValidateOptionsResult Validate(string? name, BufferPoolSocketOptions options)
    {
        BoundSection<BufferPoolSocketOptions>? section = services.GetService<BoundSection<BufferPoolSocketOptions>>();
        string prefix = section?.Path ?? nameof(BufferPoolSocketOptions) + ".";
        var failures = new List<string>(section?.Problems() ?? []);
        ValidateOptionsResult own = _generated.Validate(name, options);
        if (own.Failed)
        {
            failures.AddRange(own.Failures.Select(f => prefix + f));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : throw new SettingsException(typeof(BufferPoolSocketOptions), failures);
    }
}

/// <summary>Validates <see cref="BufferPoolSocketOptions"/> through generated code.</summary>
[OptionsValidator]
internal sealed partial class BufferPoolSocketOptionsValidator : IValidateOptions<BufferPoolSocketOptions>;

/// <summary>Validates <see cref="BufferPoolSocketServerOptions"/> through generated code.</summary>
[OptionsValidator]
internal sealed partial class BufferPoolSocketServerOptionsValidator : IValidateOptions<BufferPoolSocketServerOptions>;
