using System.Buffers;
using System.IO.Pipelines;
using BufferPool;
using BufferPool.Diagnostics;
using BufferPool.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BufferPool in every pool slot of an ASP.NET Core app.</summary>
public static class BufferPoolServiceCollectionExtensions
{
    /// <summary>The configuration subsection that <see cref="SmallBlockArrayPoolOptions"/> and <see cref="FreeListArrayPoolOptions"/> bind from.</summary>
    public const string ArraysSection = "Arrays";

    /// <summary>
    /// Makes the small-block pool the app's buffer pool: Kestrel's transport (<see cref="IMemoryPoolFactory{T}"/>),
    /// <see cref="MemoryPool{T}"/>, <see cref="PipeOptions"/>, and MVC's <see cref="ArrayPool{T}"/> of
    /// <see cref="byte"/> and <see cref="char"/> (<see cref="SmallBlockArrayPool{T}"/>). Adds a hosted service that trims
    /// idle memory. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the memory pool's options.</param>
    /// <param name="configureArrays">Sets the array pools' options.</param>
    public static IServiceCollection AddSmallBlockPool(this IServiceCollection services, Action<SmallBlockPoolOptions>? configure = null, Action<SmallBlockArrayPoolOptions>? configureArrays = null) =>
        services.Configured(configure).Configured(configureArrays).AddSmallBlockPoolCore();

    /// <summary>As <see cref="AddSmallBlockPool(IServiceCollection, Action{SmallBlockPoolOptions}?, Action{SmallBlockArrayPoolOptions}?)"/>, binding the memory
    /// pool's options from <paramref name="configuration"/> (usually the <c>BufferPool</c> section), the array pools' from
    /// its <c>Arrays</c> subsection and the trimming period from its <c>Trimming</c> subsection.</summary>
    public static IServiceCollection AddSmallBlockPool(this IServiceCollection services, IConfiguration configuration) =>
        services.Bound<SmallBlockPoolOptions, SmallBlockArrayPoolOptions>(configuration, BufferPoolKinds.SmallBlock).AddSmallBlockPoolCore();

    /// <summary>
    /// Makes the bitmap pool the app's buffer pool, as <see cref="AddSmallBlockPool(IServiceCollection, Action{SmallBlockPoolOptions}?, Action{SmallBlockArrayPoolOptions}?)"/>
    /// does, with <see cref="FreeListArrayPool{T}"/> for MVC's array pools.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the memory pool's options.</param>
    /// <param name="configureArrays">Sets the array pools' options.</param>
    public static IServiceCollection AddBitmapPool(this IServiceCollection services, Action<BitmapPoolOptions>? configure = null, Action<FreeListArrayPoolOptions>? configureArrays = null) =>
        services.Configured(configure).Configured(configureArrays).AddBitmapPoolCore();

    /// <summary>As <see cref="AddBitmapPool(IServiceCollection, Action{BitmapPoolOptions}?, Action{FreeListArrayPoolOptions}?)"/>, binding the memory
    /// pool's options from <paramref name="configuration"/>, the array pools' from its <c>Arrays</c> subsection and the
    /// trimming period from its <c>Trimming</c> subsection.</summary>
    public static IServiceCollection AddBitmapPool(this IServiceCollection services, IConfiguration configuration) =>
        services.Bound<BitmapPoolOptions, FreeListArrayPoolOptions>(configuration, BufferPoolKinds.Bitmap).AddBitmapPoolCore();

    /// <summary>The <c>Kind</c> value that registers no BufferPool pool: the app keeps the framework's own pools.</summary>
    public const string DefaultKind = "default";

    /// <summary>
    /// Registers the pool that the section's <c>Kind</c> key names: <c>small-block</c> (the default when the key is
    /// absent) as <see cref="AddSmallBlockPool(IServiceCollection, IConfiguration)"/>, <c>bitmap</c> as
    /// <see cref="AddBitmapPool(IServiceCollection, IConfiguration)"/>, or <c>default</c> for none (Kestrel's and the
    /// framework's own pools, for comparison).
    /// </summary>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The <c>Kind</c> key names no pool; the message names the key.</exception>
    /// <remarks>The kind is matched case-insensitively.</remarks>
    public static IServiceCollection AddBufferPool(this IServiceCollection services, IConfiguration configuration) =>
        services.AddBufferPool(configuration, out _);

    /// <inheritdoc cref="AddBufferPool(IServiceCollection, IConfiguration)"/>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">The <c>BufferPool</c> section.</param>
    /// <param name="kind">The kind registered (lower case).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBufferPool(this IServiceCollection services, IConfiguration configuration, out string kind)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        kind = (configuration["Kind"] ?? BufferPoolKinds.SmallBlock).ToLowerInvariant();
        return kind switch
        {
            BufferPoolKinds.SmallBlock => services.AddSmallBlockPool(configuration),
            BufferPoolKinds.Bitmap => services.AddBitmapPool(configuration),
            DefaultKind => services,
            _ => throw new ArgumentOutOfRangeException("Kind", kind, $"BufferPool:Kind must be {BufferPoolKinds.SmallBlock}, {BufferPoolKinds.Bitmap} or {DefaultKind}; it was '{kind}'."),
        };
    }

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

    private static IServiceCollection Bound<TOptions, TArrayOptions>(this IServiceCollection services, IConfiguration configuration, string kind)
        where TOptions : class
        where TArrayOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // A misspelled key would bind to nothing and be ignored; the check names every unknown key at startup.
        services.AddOptions<ConfigurationKeysCheck>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfigurationKeysCheck>>(new ConfigurationKeysValidator(configuration, typeof(TOptions), typeof(TArrayOptions), kind, ActivePoolKind.Of(services)));
        services.AddOptions<TOptions>().Bind(configuration);
        services.AddOptions<TArrayOptions>().Bind(configuration.GetSection(ArraysSection));
        services.AddOptions<BufferPoolTrimmingOptions>().Bind(configuration.GetSection("Trimming"));
        return services;
    }

    private static IServiceCollection AddSmallBlockPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<SmallBlockPoolOptions, SmallBlockArrayPoolOptions>(
            nameof(AddSmallBlockPool),
            BufferPoolKinds.SmallBlock,
            static o => o.Validate(),
            static (o, a) => new AppBufferPools(new SmallBlockMemoryPool(o), new SmallBlockArrayPool<byte>(a), new SmallBlockArrayPool<char>(a)));

    private static IServiceCollection AddBitmapPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<BitmapPoolOptions, FreeListArrayPoolOptions>(
            nameof(AddBitmapPool),
            BufferPoolKinds.Bitmap,
            static o => o.Validate(),
            static (o, a) => new AppBufferPools(new BitmapMemoryPool(o), new FreeListArrayPool<byte>(a), new FreeListArrayPool<char>(a)));

    private static IServiceCollection AddPoolCore<TOptions, TArrayOptions>(
        this IServiceCollection services,
        string methodName,
        string kind,
        Action<TOptions> validate,
        Func<TOptions, TArrayOptions, AppBufferPools> createPools)
        where TOptions : class
        where TArrayOptions : ArrayPoolSettings
    {
        // The last Add...Pool call wins; only its options are validated (see ActivePoolKind).
        ActivePoolKind active = ActivePoolKind.Of(services);
        active.Register(kind);
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new PoolOptionsValidator<TOptions>(validate, kind: kind, active: active)));
        services.AddOptions<BufferPoolTrimmingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolTrimmingOptions>>(new PoolOptionsValidator<BufferPoolTrimmingOptions>(static o => o.Validate())));

        services.AddOptions<TArrayOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TArrayOptions>>(new PoolOptionsValidator<TArrayOptions>(static o => o.Validate(), ArraysSection + ":", kind, active)));

        // One set of pools per container, owned by it. Replace, so that calling a second Add...Pool switches kind
        // instead of adding one. The pools themselves are disposed by AppBufferPools with the container.
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            AppBufferPools pools = createPools(sp.GetRequiredService<IOptions<TOptions>>().Value, sp.GetRequiredService<IOptions<TArrayOptions>>().Value);
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                MisuseLog.Attach(pools.Memory, loggers.CreateLogger(MisuseLog.Category));
            }

            return pools;
        }));
        services.Replace(ServiceDescriptor.Singleton<MemoryPool<byte>>(sp => sp.GetRequiredService<AppBufferPools>().Memory));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            MemoryPool<byte> pool = sp.GetRequiredService<MemoryPool<byte>>();
            return new PipeOptions(pool, minimumSegmentSize: Math.Min(4096, pool.MaxBufferSize));
        }));

        // MVC adds ArrayPool<T>.Shared with TryAdd: if it came first, Replace wins; if it comes later, it adds nothing.
        services.Replace(ServiceDescriptor.Singleton<ArrayPool<byte>>(sp => sp.GetRequiredService<AppBufferPools>().Bytes));
        services.Replace(ServiceDescriptor.Singleton<ArrayPool<char>>(sp => sp.GetRequiredService<AppBufferPools>().Chars));

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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BufferPoolStartupLog>());
        services.TryAddSingleton(sp =>
        {
            AppBufferPools pools = sp.GetRequiredService<AppBufferPools>();
            return new BufferPoolMetrics(pools.Read, sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BufferPoolMetricsActivator>());
        return services;
    }
}
