using System.Buffers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

/// <summary><c>BufferPool:Kind</c> works in any app through <c>AddBufferPool</c>, not only in the sample's own code.</summary>
public sealed class KindSelectionTests
{
    [Theory]
    [InlineData(null, typeof(SmallBlockMemoryPool), typeof(SmallBlockArrayPool<char>))]
    [InlineData("small-block", typeof(SmallBlockMemoryPool), typeof(SmallBlockArrayPool<char>))]
    [InlineData("bitmap", typeof(BitmapMemoryPool), typeof(FreeListArrayPool<char>))]
    public void TheKindKey_PicksThePool(string? kind, Type memoryPool, Type charPool)
    {
        IConfiguration section = Section(kind);
        var services = new ServiceCollection().AddLogging();
        services.AddBufferPool(section, out string registered);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(kind ?? "small-block", registered);
        Assert.IsType(memoryPool, provider.GetRequiredService<MemoryPool<byte>>());
        Assert.IsType(charPool, provider.GetRequiredService<ArrayPool<char>>());
    }

    [Fact]
    public void Default_RegistersTheFrameworksPools_SoAnAppThatAsksForThemStillStarts()
    {
        // A worker or an endpoint that takes MemoryPool<byte> must not fail to start when Kind=default compares against
        // the framework: it gets MemoryPool<byte>.Shared, and PipeOptions and ArrayPool<T> are the framework's too.
        var services = new ServiceCollection().AddLogging();
        services.AddBufferPool(Section("default"), out string registered);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("default", registered);
        Assert.Same(MemoryPool<byte>.Shared, provider.GetRequiredService<MemoryPool<byte>>());
        Assert.Same(System.IO.Pipelines.PipeOptions.Default, provider.GetRequiredService<System.IO.Pipelines.PipeOptions>());
        Assert.Same(ArrayPool<byte>.Shared, provider.GetRequiredService<ArrayPool<byte>>());
        Assert.Same(ArrayPool<char>.Shared, provider.GetRequiredService<ArrayPool<char>>());
        // No BufferPool pool, factory or service: only the framework's pools and the one line.
        Assert.Null(provider.GetService<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>());
        ServiceDescriptor line = Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
        Assert.Equal("DefaultPoolsLog", line.ImplementationType?.Name);
    }

    [Fact]
    public void Default_KeepsThePoolsTheAppRegisteredItself()
    {
        using var own = new SmallBlockMemoryPool();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<MemoryPool<byte>>(own);
        services.AddBufferPool(Section("default"), out _);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<MemoryPool<byte>>());
    }

    private static IConfiguration Section(string? kind) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BufferPool:Kind"] = kind })
            .Build()
            .GetSection("BufferPool");
}
