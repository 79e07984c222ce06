namespace BufferPool.Tests.Pools;

/// <summary>The array pools' own options: each setting honoured by the pool it belongs to, bad values named.</summary>
public sealed class ArrayPoolOptionsTests
{
    public static TheoryData<string, Action<SmallBlockArrayPoolOptions>> SmallBlockInvalid => new()
    {
        { "MaxArrayLength", o => o.MaxArrayLength = 32 },
        { "MaxArrayLength", o => o.MaxArrayLength = 1000 },
        { "ArraysPerSizeClass", o => o.ArraysPerSizeClass = 0 },
        { "ArraysPerSizeClass", o => o.ArraysPerSizeClass = 1025 },
        { "ThreadCacheSize", o => o.ThreadCacheSize = 17 },
        { "MaxReservedBytes", o => o.MaxReservedBytes = -1 },
    };

    public static TheoryData<string, Action<FreeListArrayPoolOptions>> FreeListInvalid => new()
    {
        { "MaxArrayLength", o => o.MaxArrayLength = 0 },
        { "MaxFreeListEntries", o => o.MaxFreeListEntries = 0 },
        { "MaxWastagePercent", o => o.MaxWastagePercent = 101 },
        { "ThreadCacheSize", o => o.ThreadCacheSize = -1 },
        { "MaxReservedBytes", o => o.MaxReservedBytes = -1 },
    };

    [Theory]
    [MemberData(nameof(SmallBlockInvalid))]
    public void SmallBlockArrayPool_RejectsBadValues_NamingTheSetting(string setting, Action<SmallBlockArrayPoolOptions> configure)
    {
        var options = new SmallBlockArrayPoolOptions();
        configure(options);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBlockArrayPool<char>(options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Theory]
    [MemberData(nameof(FreeListInvalid))]
    public void FreeListArrayPool_RejectsBadValues_NamingTheSetting(string setting, Action<FreeListArrayPoolOptions> configure)
    {
        var options = new FreeListArrayPoolOptions();
        configure(options);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FreeListArrayPool<char>(options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void Bounds_AreAccepted_AndMaxArrayLengthIsHonoured()
    {
        foreach (int max in new[] { 64, 1 << 30 })
        {
            using var pool = new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { MaxArrayLength = max, ArraysPerSizeClass = 1024, ThreadCacheSize = 16, MaxReservedBytes = 0 });
            Assert.Equal(max, pool.MaxArrayLength);
        }

        foreach (int max in new[] { 1, 1 << 30 })
        {
            using var pool = new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { MaxArrayLength = max, MaxFreeListEntries = 4096, MaxWastagePercent = 0, ThreadCacheSize = 0 });
            Assert.Equal(max, pool.MaxArrayLength);
        }
    }

    [Theory]
    [InlineData("small-block")]
    [InlineData("free-list")]
    public void MaxReservedBytes_BoundsWhatAnArrayPoolOwns_AndPastItRentsFallBack(string kind)
    {
        // A budget of four 1 KiB arrays: the fifth rent gets an array the pool does not keep.
        using BufferArrayPool<byte> pool = kind == "small-block"
            ? new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { MaxReservedBytes = 4096, ThreadCacheSize = 0 })
            : new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { MaxReservedBytes = 4096, ThreadCacheSize = 0 });
        byte[][] arrays = [.. Enumerable.Range(0, 5).Select(_ => pool.Rent(1024))];
        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(4096, stats.ReservedBytes);
        Assert.Equal(4, stats.ArrayCount);
        Assert.Equal(1, stats.FallbackCount);
        Assert.All(arrays, a => Assert.Equal(1024, a.Length));

        foreach (byte[] array in arrays)
        {
            pool.Return(array);
        }

        Assert.Equal(0, pool.GetStatistics().InUseBytes);
        Assert.True(pool.GetStatistics().ReservedBytes <= 4096);
    }

    [Fact]
    public void DiagnosticsMode_RejectsForeignAndRepeatedReturns_FromAnyThread()
    {
        using var pool = new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { DiagnosticsMode = true });
        byte[] rented = pool.Rent(1024);
        pool.Return(rented);

        // A second return from another thread: no thread cache can see it, the diagnostics table does.
        Exception? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = Record.Exception(() => pool.Return(rented)));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(fromOtherThread);

        Assert.Throws<InvalidOperationException>(() => pool.Return(new byte[1024]));
        Assert.Equal(1, pool.GetStatistics().ReturnCount);
    }

    [Theory]
    [InlineData("small-block")]
    [InlineData("free-list")]
    public void TheBudget_Holds_WhenFallbackArraysComeBack(string kind)
    {
        // 16 arrays of 4 KiB fit the budget; the other 32 rents are fallbacks, and their return must not be kept.
        using BufferArrayPool<byte> pool = kind == "small-block"
            ? new SmallBlockArrayPool<byte>(new SmallBlockArrayPoolOptions { MaxReservedBytes = 64 * 1024 })
            : new FreeListArrayPool<byte>(new FreeListArrayPoolOptions { MaxReservedBytes = 64 * 1024 });
        for (int round = 0; round < 2; round++)
        {
            byte[][] arrays = [.. Enumerable.Range(0, 48).Select(_ => pool.Rent(4096))];
            Array.ForEach(arrays, a => pool.Return(a));
        }

        pool.Trim();
        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.True(stats.ReservedBytes <= 64 * 1024, $"reserved {stats.ReservedBytes}");
        Assert.Equal(64, stats.FallbackCount);
        Assert.Equal(0, stats.InUseBytes);

        // The stranger's arrays a budgeted pool adopts count against its budget too.
        for (int i = 0; i < 64; i++)
        {
            pool.Return(new byte[4096]);
        }

        Assert.True(pool.GetStatistics().ReservedBytes <= 64 * 1024);
    }
}
