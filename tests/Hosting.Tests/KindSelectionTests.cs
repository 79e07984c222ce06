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
    public void Default_RegistersNoPool_OnlyTheLineThatSaysSo()
    {
        var services = new ServiceCollection();
        services.AddBufferPool(Section("default"), out _);
        ServiceDescriptor only = Assert.Single(services);
        Assert.Equal(typeof(Microsoft.Extensions.Hosting.IHostedService), only.ServiceType);
        Assert.Equal("DefaultPoolsLog", only.ImplementationType?.Name);
    }

    private static IConfiguration Section(string? kind) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BufferPool:Kind"] = kind })
            .Build()
            .GetSection("BufferPool");
}
