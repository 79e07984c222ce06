using System.Buffers;
using System.IO.Pipelines;
using BufferPool;
using BufferPool.Diagnostics;
using BufferPool.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BufferPool in every pool slot of an ASP.NET Core app.</summary>
public static class BufferPoolServiceCollectionExtensions
{
    /// <summary>
    /// Makes the small-block pool the app's buffer pool: Kestrel's transport (<see cref="IMemoryPoolFactory{T}"/>),
    /// <see cref="MemoryPool{T}"/>, <see cref="PipeOptions"/>, and MVC's <see cref="ArrayPool{T}"/> of
    /// <see cref="byte"/> and <see cref="char"/> (<see cref="SmallBlockArrayPool{T}"/>). Adds a hosted service that trims
    /// idle memory. Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddSmallBlockPool(this IServiceCollection services, Action<SmallBlockPoolOptions>? configure = null) =>
        services.Configured(configure).AddSmallBlockPoolCore();

    /// <summary>As <see cref="AddSmallBlockPool(IServiceCollection, Action{SmallBlockPoolOptions}?)"/>, binding the options
    /// from <paramref name="configuration"/> (usually the <c>BufferPool</c> section) and the trimming period from its
    /// <c>Trimming</c> subsection.</summary>
    public static IServiceCollection AddSmallBlockPool(this IServiceCollection services, IConfiguration configuration) =>
        services.Bound<SmallBlockPoolOptions>(configuration).AddSmallBlockPoolCore();

    /// <summary>
    /// Makes the bitmap pool the app's buffer pool, as <see cref="AddSmallBlockPool(IServiceCollection, Action{SmallBlockPoolOptions}?)"/>
    /// does, with <see cref="FreeListArrayPool{T}"/> for MVC's array pools.
    /// </summary>
    public static IServiceCollection AddBitmapPool(this IServiceCollection services, Action<BitmapPoolOptions>? configure = null) =>
        services.Configured(configure).AddBitmapPoolCore();

    /// <summary>As <see cref="AddBitmapPool(IServiceCollection, Action{BitmapPoolOptions}?)"/>, binding the options from
    /// <paramref name="configuration"/> and the trimming period from its <c>Trimming</c> subsection.</summary>
    public static IServiceCollection AddBitmapPool(this IServiceCollection services, IConfiguration configuration) =>
        services.Bound<BitmapPoolOptions>(configuration).AddBitmapPoolCore();

    private static IServiceCollection Configured<TOptions>(this IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TOptions> options = services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private static IServiceCollection Bound<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TOptions>().Bind(configuration);
        services.AddOptions<BufferPoolTrimmingOptions>().Bind(configuration.GetSection("Trimming"));
        return services;
    }

    private static IServiceCollection AddSmallBlockPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<SmallBlockPoolOptions>(
            nameof(AddSmallBlockPool),
            static o => o.Validate(),
            static o =>
            {
                var pool = new SmallBlockMemoryPool(o);
                return new PooledMemory("small-block", pool, pool.GetStatistics, pool.Trim, o.MaxReservedBytes);
            },
            static o => new SmallBlockArrayPool<byte>(o),
            static o => new SmallBlockArrayPool<char>(o));

    private static IServiceCollection AddBitmapPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<BitmapPoolOptions>(
            nameof(AddBitmapPool),
            static o => o.Validate(),
            static o =>
            {
                var pool = new BitmapMemoryPool(o);
                return new PooledMemory("bitmap", pool, pool.GetStatistics, pool.Trim, o.MaxReservedBytes);
            },
            static o => new FreeListArrayPool<byte>(o),
            static o => new FreeListArrayPool<char>(o));

    private static IServiceCollection AddPoolCore<TOptions>(
        this IServiceCollection services,
        string methodName,
        Action<TOptions> validate,
        Func<TOptions, PooledMemory> createPool,
        Func<TOptions, ArrayPool<byte>> createBytes,
        Func<TOptions, ArrayPool<char>> createChars)
        where TOptions : class
    {
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new PoolOptionsValidator<TOptions>(validate)));
        services.AddOptions<BufferPoolTrimmingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolTrimmingOptions>>(new PoolOptionsValidator<BufferPoolTrimmingOptions>(static o => o.Validate())));

        // One pool per container. Replace, so that calling a second Add...Pool switches kind instead of adding one.
        services.Replace(ServiceDescriptor.Singleton(sp => createPool(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<PooledMemory>().Pool));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            MemoryPool<byte> pool = sp.GetRequiredService<PooledMemory>().Pool;
            return new PipeOptions(pool, minimumSegmentSize: Math.Min(4096, pool.MaxBufferSize));
        }));

        // MVC adds ArrayPool<T>.Shared with TryAdd: if it came first, Replace wins; if it comes later, it adds nothing.
        services.Replace(ServiceDescriptor.Singleton(sp => createBytes(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        services.Replace(ServiceDescriptor.Singleton(sp => createChars(sp.GetRequiredService<IOptions<TOptions>>().Value)));

        // Kestrel resolves the last IMemoryPoolFactory<byte> registered, and registers its own with Add: so AddSingleton
        // here (never TryAdd), and a check at start for the case where Kestrel registered again after this call.
        services.AddSingleton<IMemoryPoolFactory<byte>, BufferPoolMemoryPoolFactory>();
        services.AddOptions<RegistrationCheck>()
            .Validate<IMemoryPoolFactory<byte>>(
                static (_, factory) => factory is BufferPoolMemoryPoolFactory,
                $"services.{methodName}() was called before the web host registered Kestrel's own IMemoryPoolFactory<byte>, " +
                $"so Kestrel would silently use its own pool. Call services.{methodName}() after the web host is configured: " +
                "on WebApplicationBuilder.Services after any UseKestrel/UseKestrelCore call, or in a ConfigureServices that " +
                "follows ConfigureWebHostDefaults.")
            .ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BufferPoolTrimmingService>());
        services.TryAddSingleton(sp => new BufferPoolMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BufferPoolMetricsActivator>());
        return services;
    }
}
