namespace BufferPool.Tests.SmallBlock;

public sealed class SmallBlockPoolOptionsTests
{
    public static TheoryData<string, Action<SmallBlockPoolOptions>> ValidBounds => new()
    {
        { "BlockSize min", o => { o.BlockSize = 4096; o.SuperBlockSize = 4096; } },
        { "BlockSize max", o => { o.BlockSize = 1 << 20; o.SuperBlockSize = 1 << 20; } },
        { "SuperBlockSize max", o => o.SuperBlockSize = 64 << 20 },
        { "ThreadCacheSize min", o => o.ThreadCacheSize = 0 },
        { "ThreadCacheSize max", o => o.ThreadCacheSize = 16 },
        { "RetainedSuperBlocks min", o => o.RetainedSuperBlocks = 0 },
        { "RetainedSuperBlocks max", o => o.RetainedSuperBlocks = int.MaxValue },
        { "MaxReservedBytes min", o => o.MaxReservedBytes = 1 << 20 },
        { "MaxReservedBytes max", o => o.MaxReservedBytes = long.MaxValue },
        { "ExhaustionBehavior throw", o => o.ExhaustionBehavior = PoolExhaustionBehavior.Throw },
    };

    public static TheoryData<string, Action<SmallBlockPoolOptions>> InvalidValues => new()
    {
        { "BlockSize", o => o.BlockSize = 2048 },
        { "BlockSize", o => o.BlockSize = 2 << 20 },
        { "BlockSize", o => o.BlockSize = 5000 },
        { "SuperBlockSize", o => o.SuperBlockSize = 32 * 1024 },
        { "SuperBlockSize", o => o.SuperBlockSize = 128 << 20 },
        { "SuperBlockSize", o => o.SuperBlockSize = 3 << 20 },
        { "ThreadCacheSize", o => o.ThreadCacheSize = -1 },
        { "ThreadCacheSize", o => o.ThreadCacheSize = 17 },
        { "RetainedSuperBlocks", o => o.RetainedSuperBlocks = -1 },
        { "MaxReservedBytes", o => o.MaxReservedBytes = (1 << 20) - 1 },
        { "ExhaustionBehavior", o => o.ExhaustionBehavior = (PoolExhaustionBehavior)7 },
    };

    [Theory]
    [MemberData(nameof(ValidBounds))]
    public void ValuesAtTheirBounds_AreAccepted(string name, Action<SmallBlockPoolOptions> configure)
    {
        var options = new SmallBlockPoolOptions();
        configure(options);
        using var pool = new SmallBlockMemoryPool(options);
        Assert.Equal(options.BlockSize, pool.MaxBufferSize);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void BadValues_AreRejected_WithTheSettingNamed(string setting, Action<SmallBlockPoolOptions> configure)
    {
        var options = new SmallBlockPoolOptions();
        configure(options);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBlockMemoryPool(options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var options = new SmallBlockPoolOptions();
        Assert.Equal(1 << 20, options.SuperBlockSize);
        Assert.Equal(64 * 1024, options.BlockSize);
        Assert.Null(options.MaxReservedBytes);
        Assert.Equal(PoolExhaustionBehavior.Fallback, options.ExhaustionBehavior);
    }

    [Fact]
    public void ThePoolCopiesTheOptions()
    {
        var options = new SmallBlockPoolOptions();
        using var pool = new SmallBlockMemoryPool(options);
        options.BlockSize = 4096;
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
    }
}
