using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using BufferPool.Hosting;
using BufferPool.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BufferPool's socket pipes and hosted socket servers.</summary>
public static class BufferPoolSocketsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SocketPipeOptions"/>: after <c>AddSmallBlockPool()</c> or <c>AddBitmapPool()</c>, over a
    /// view of the app's memory pool tagged <c>sockets</c>, which rents the pool's reused, allocation-free leases as
    /// Kestrel's transport does (a pipe disposes each segment exactly once); without them, over the container's
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
        services.AddOptions<BufferPoolSocketOptions>().Bind(configuration);
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolSocketServerOptions>>(new ServerOptionsValidator()));
        services.AddSocketsCore();
        services.TryAddSingleton<TServer>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<TServer>());
        return services;
    }

    private static IServiceCollection AddSocketsCore(this IServiceCollection services)
    {
        services.AddOptions<BufferPoolSocketOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolSocketOptions>>(PoolOptionsValidator<BufferPoolSocketOptions>.Throwing(static o => o.Validate())));
        services.TryAddSingleton(static sp =>
        {
            MemoryPool<byte> pool = sp.GetService<AppBufferPools>()?.CreateView("sockets")
                ?? sp.GetService<MemoryPool<byte>>()
                ?? MemoryPool<byte>.Shared;
            return SocketPipeOptions.Create(pool, sp.GetRequiredService<IOptions<BufferPoolSocketOptions>>().Value);
        });
        return services;
    }
}

/// <summary>Runs <see cref="BufferPoolSocketServerOptions"/>' range checks at startup; the message names the setting.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<BufferPoolSocketServerOptions>
{
    public ValidateOptionsResult Validate(string? name, BufferPoolSocketServerOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ValidateOptionsResult.Fail($"{ex.ParamName}: {ex.Message}");
        }
    }
}
