using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BufferPool.Hosting.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void ABadSetting_StopsStartup_WithTheReadmesMessage()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSmallBlockPool(o => o.BlockSize = 5000);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmallBlockPoolOptions>>().Value);
        Assert.Equal("BlockSize: BlockSize must be a power of two between 4096 and 1048576; it was 5000.", Assert.Single(ex.Failures));
    }

    [Fact]
    public void ABadArraySetting_IsNamedWithItsSection()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBitmapPool(configureArrays: o => o.MaxWastagePercent = 101);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FreeListArrayPoolOptions>>().Value);
        Assert.Equal("MaxWastagePercent: MaxWastagePercent must be between 0 and 100; it was 101.", Assert.Single(ex.Failures));
    }
}
