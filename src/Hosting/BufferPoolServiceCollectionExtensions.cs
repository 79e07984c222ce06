using System.Buffers;
using System.Diagnostics.CodeAnalysis;
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

    // The section's other keys: Kind (AddBufferPool's choice), the trimming period's subsection, and the one that
    // AddBufferPoolSockets binds and checks itself.
    private const string KindKey = "Kind";
    private const string TrimmingSection = "Trimming";
    private const string SocketsSection = "Sockets";

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
    /// <remarks>A <c>Kind</c> key in the section that names another pool stops startup: call <c>AddBufferPool</c> to let it choose.</remarks>
    public static IServiceCollection AddSmallBlockPool(this IServiceCollection services, IConfiguration configuration)
    {
        // Concrete types in each bind delegate, so that the configuration-binding source generator replaces the calls.
        services.Bound<SmallBlockPoolOptions>(configuration, BufferPoolKinds.SmallBlock, nameof(AddSmallBlockPool), static (c, o, b) => c.Bind(o, b));
        services.Bound(configuration.GetSection(ArraysSection), BufferPoolKinds.SmallBlock, static (IConfiguration c, SmallBlockArrayPoolOptions o, Action<BinderOptions>? b) => c.Bind(o, b));
        return services.AddSmallBlockPoolCore();
    }

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
    /// <remarks>A <c>Kind</c> key in the section that names another pool stops startup: call <c>AddBufferPool</c> to let it choose.</remarks>
    public static IServiceCollection AddBitmapPool(this IServiceCollection services, IConfiguration configuration)
    {
        services.Bound<BitmapPoolOptions>(configuration, BufferPoolKinds.Bitmap, nameof(AddBitmapPool), static (c, o, b) => c.Bind(o, b));
        services.Bound(configuration.GetSection(ArraysSection), BufferPoolKinds.Bitmap, static (IConfiguration c, FreeListArrayPoolOptions o, Action<BinderOptions>? b) => c.Bind(o, b));
        return services.AddBitmapPoolCore();
    }

    /// <summary>The <c>Kind</c> value that registers no BufferPool pool: the app keeps the framework's own pools.</summary>
    public const string DefaultKind = "default";

    /// <summary>
    /// Registers the pool that the section's <c>Kind</c> key names: <c>small-block</c> (the default when the key is
    /// absent) as <see cref="AddSmallBlockPool(IServiceCollection, IConfiguration)"/>, <c>bitmap</c> as
    /// <see cref="AddBitmapPool(IServiceCollection, IConfiguration)"/>, or <c>default</c> for none (Kestrel's and the
    /// framework's own pools, for comparison: <see cref="MemoryPool{T}.Shared"/>, <see cref="PipeOptions.Default"/> and
    /// <see cref="ArrayPool{T}.Shared"/> are registered unless the app registered its own before this call).
    /// </summary>
    /// <returns>The services.</returns>
    /// <remarks>
    /// The kind is matched case-insensitively. A <c>Kind</c> that names no pool stops startup, with the section's other
    /// problems (one <see cref="OptionsValidationException"/>), and suggests the nearest kind.
    /// </remarks>
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
        kind = (configuration[KindKey] ?? BufferPoolKinds.SmallBlock).ToLowerInvariant();
        if (!Kinds.Contains(kind))
        {
            // Not a kind: register the pool it most likely meant (small-block when it is near none, or near default), so
            // that startup reports it (WrongKind) together with the section's other problems, judged against that pool's
            // settings, instead of stopping here with this one alone. The app never starts with it.
            kind = NearestName.Find(kind, Kinds) == BufferPoolKinds.Bitmap ? BufferPoolKinds.Bitmap : BufferPoolKinds.SmallBlock;
        }

        return kind switch
        {
            BufferPoolKinds.SmallBlock => services.AddSmallBlockPool(configuration),
            BufferPoolKinds.Bitmap => services.AddBitmapPool(configuration),
            _ => services.AddDefaultPools(),
        };
    }

    /// <summary>The values <c>Kind</c> may take.</summary>
    private static readonly string[] Kinds = [BufferPoolKinds.SmallBlock, BufferPoolKinds.Bitmap, DefaultKind];

    private static IServiceCollection Configured<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, Action<TOptions>? configure)
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

    /// <summary>
    /// Binds the memory pool's options of <paramref name="kind"/> from <paramref name="configuration"/>, and the trimming
    /// options from its <c>Trimming</c> subsection; startup then reports the section's unknown keys, the values that do
    /// not convert, and a <c>Kind</c> key that names another pool, with the options' own range checks.
    /// </summary>
    private static void Bound<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, IConfiguration configuration, string kind, string methodName, Action<IConfiguration, TOptions, Action<BinderOptions>?> bind)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = new BoundSection<TOptions>(configuration, bind, KindKey, ArraysSection, TrimmingSection, SocketsSection);
        services.AddOptions<TOptions>().Configure(section.Bind);
        ActivePoolKind.Of(services).SetSource<TOptions>(new SettingsSource(section.Path, () => [.. WrongKind(configuration, section.Path, kind, methodName), .. section.Problems()]));
        services.Bound(configuration.GetSection(TrimmingSection), kind, static (IConfiguration c, BufferPoolTrimmingOptions o, Action<BinderOptions>? b) => c.Bind(o, b));
    }

    /// <summary>Binds the options of one subsection (the array pools', the trimming period) and reports its problems at startup.</summary>
    private static void Bound<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, IConfiguration configuration, string kind, Action<IConfiguration, TOptions, Action<BinderOptions>?> bind)
        where TOptions : class, new()
    {
        _ = kind;
        var section = new BoundSection<TOptions>(configuration, bind);
        services.AddOptions<TOptions>().Configure(section.Bind);
        ActivePoolKind.Of(services).SetSource<TOptions>(new SettingsSource(section.Path, section.Problems));
    }

    /// <summary>The one problem of a section whose <c>Kind</c> key names another pool than the call registers.</summary>
    private static IEnumerable<string> WrongKind(IConfiguration configuration, string path, string kind, string methodName)
    {
        string? named = configuration[KindKey];
        if (named is not null && !Kinds.Contains(named, StringComparer.OrdinalIgnoreCase))
        {
            string? nearest = NearestName.Find(named, Kinds);
            yield return $"{path}{KindKey}: '{named}' is not a pool kind ({string.Join(", ", Kinds[..^1])} or {Kinds[^1]}).{(nearest is null ? "" : $" Did you mean {nearest}?")}";
        }
        else if (named is not null && !string.Equals(named, kind, StringComparison.OrdinalIgnoreCase))
        {
            string other = string.Equals(named, BufferPoolKinds.Bitmap, StringComparison.OrdinalIgnoreCase) ? "AddBitmapPool(section)"
                : string.Equals(named, BufferPoolKinds.SmallBlock, StringComparison.OrdinalIgnoreCase) ? "AddSmallBlockPool(section)"
                : "remove the key";
            yield return $"{path}{KindKey}: '{named}' names another pool than services.{methodName}(section) registers: call AddBufferPool(section) to let Kind choose, or {other}.";
        }
    }

    /// <summary>
    /// For <c>Kind=default</c>: the framework's own pools where the app asks for one (<see cref="MemoryPool{T}.Shared"/>,
    /// <see cref="PipeOptions.Default"/>, <see cref="ArrayPool{T}.Shared"/>), so that code written against
    /// <c>AddBufferPool</c> still starts when the configuration compares against the framework; a registration made before
    /// this call stays (an <c>Add...Pool</c> call after it replaces these). And one line at startup that says so.
    /// </summary>
    private static IServiceCollection AddDefaultPools(this IServiceCollection services)
    {
        services.TryAddSingleton(MemoryPool<byte>.Shared);
        services.TryAddSingleton(PipeOptions.Default);
        services.TryAddSingleton(ArrayPool<byte>.Shared);
        services.TryAddSingleton(ArrayPool<char>.Shared);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DefaultPoolsLog>());
        return services;
    }

    private static IServiceCollection AddSmallBlockPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<SmallBlockPoolOptions, SmallBlockArrayPoolOptions>(
            nameof(AddSmallBlockPool),
            BufferPoolKinds.SmallBlock,
            new SmallBlockPoolOptionsValidator(),
            new SmallBlockArrayPoolOptionsValidator(),
            static (o, a) => new AppBufferPools(new SmallBlockMemoryPool(o), new SmallBlockArrayPool<byte>(a), new SmallBlockArrayPool<char>(a)));

    private static IServiceCollection AddBitmapPoolCore(this IServiceCollection services) =>
        services.AddPoolCore<BitmapPoolOptions, FreeListArrayPoolOptions>(
            nameof(AddBitmapPool),
            BufferPoolKinds.Bitmap,
            new BitmapPoolOptionsValidator(),
            new FreeListArrayPoolOptionsValidator(),
            static (o, a) => new AppBufferPools(new BitmapMemoryPool(o), new FreeListArrayPool<byte>(a), new FreeListArrayPool<char>(a)));

    private static IServiceCollection AddPoolCore<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TArrayOptions>(
        this IServiceCollection services,
        string methodName,
        string kind,
        IValidateOptions<TOptions> validator,
        IValidateOptions<TArrayOptions> arrayValidator,
        Func<TOptions, TArrayOptions, AppBufferPools> createPools)
        where TOptions : class
        where TArrayOptions : ArrayPoolSettings
    {
        // The last Add...Pool call wins; only its options are validated (see ActivePoolKind).
        ActivePoolKind active = ActivePoolKind.Of(services);
        active.Register(kind);
        // Each options class reports every bad setting it has; BufferPoolSettingsCheck gathers them, with the unknown
        // keys, into the one exception that stops startup.
        services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(arrayValidator));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolTrimmingOptions>, BufferPoolTrimmingOptionsValidator>());
        services.AddOptions<BufferPoolSettingsCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BufferPoolSettingsCheck>, BufferPoolSettingsValidator<TOptions, TArrayOptions>>(sp =>
            new BufferPoolSettingsValidator<TOptions, TArrayOptions>(
                sp.GetRequiredService<IOptionsFactory<TOptions>>(),
                sp.GetRequiredService<IOptionsFactory<TArrayOptions>>(),
                sp.GetRequiredService<IOptionsFactory<BufferPoolTrimmingOptions>>(),
                kind,
                active)));

        // One set of pools per container, owned by it. Replace, so that calling a second Add...Pool switches kind
        // instead of adding one. The pools themselves are disposed by AppBufferPools with the container.
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            // Pools resolved before the host starts (or in a container without a host) fail with the same list of
            // every problem that startup reports, rather than the first bad setting a pool's constructor finds.
            _ = sp.GetRequiredService<IOptions<BufferPoolSettingsCheck>>().Value;
            AppBufferPools pools = createPools(sp.GetRequiredService<IOptions<TOptions>>().Value, sp.GetRequiredService<IOptions<TArrayOptions>>().Value);
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                ILogger logger = loggers.CreateLogger(MisuseLog.Category);
                MisuseLog.Attach(pools.Memory, logger);
                FallbackLog.Attach(pools, logger, sp.GetService<TimeProvider>() ?? TimeProvider.System);
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
            return new BufferPoolMetrics(pools.All, sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BufferPoolMetricsActivator>());
        return services;
    }
}
