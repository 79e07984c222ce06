using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Bitmap;

/// <summary>The contract with the default options: <see cref="LeaseMode.PerRent"/>, an owner object per rent.</summary>
public sealed class BitmapMemoryPoolContractTests : GuardedMemoryPoolContractTests
{
    protected override bool AllocatesPerRent => true;

    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool();
}

/// <summary>The contract with <see cref="LeaseMode.Reused"/>: the slots' own owner objects, no allocation per rent.</summary>
public sealed class BitmapMemoryPoolReusedLeaseContractTests : GuardedMemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused });
}

/// <summary>The contract with no thread cache, so every rent and return goes through the bitmaps, and <see cref="LeaseMode.Reused"/>.</summary>
public sealed class BitmapMemoryPoolWithoutThreadCacheContractTests : GuardedMemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool(new BitmapPoolOptions { ThreadCacheSize = 0, LeaseMode = LeaseMode.Reused });
}

public sealed class BitmapMemoryPoolModelTests : PoolModelTests
{
    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool(new BitmapPoolOptions { ThreadCacheSize = 2, RetainedFreeListEntries = 0, MaxFreeListEntries = 2 });
}

public sealed class BitmapMemoryPoolTests
{
    [Fact]
    public void EveryRentIsOneBlock()
    {
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions { BlockSize = 1024 });
        Assert.Equal(1024, pool.MaxBufferSize);
        Assert.All(new[] { -1, 0, 1, 1024 }, size =>
        {
            using IMemoryOwner<byte> owner = pool.Rent(size);
            Assert.Equal(1024, owner.Memory.Length);
        });
    }

    [Fact]
    public async Task SuperBlocksEmptyAndRefillUnderLoad_WithoutLosingData()
    {
        // No thread cache, bursts of up to 150 live blocks per thread, and a trimmer: super blocks of 64, 128 and
        // 256 blocks empty out in every order, go to the Free List Store and come back while the other thread is
        // claiming bits in them.
        using var pool = new BitmapMemoryPool(new BitmapPoolOptions { ThreadCacheSize = 0, RetainedFreeListEntries = 2 });
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        void Worker(int seed)
        {
            var random = new Random(seed);
            var live = new List<(IMemoryOwner<byte> Owner, int Stamp)>();
            for (int round = 0; round < 1500; round++)
            {
                int burst = random.Next(1, 151);
                for (int i = 0; i < burst; i++)
                {
                    IMemoryOwner<byte> owner = pool.Rent();
                    int stamp = (seed << 24) | (round << 8) | i;
                    MemoryRegions.Stamp(owner.Memory.Span, stamp);
                    live.Add((owner, stamp));
                }

                foreach (var (owner, stamp) in live)
                {
                    if (MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp) >= 0)
                    {
                        failures.Enqueue($"stamp {stamp:x8} overwritten");
                    }

                    owner.Dispose();
                }

                live.Clear();
            }
        }

        using (BackgroundLoop.Start(() => pool.Trim(), sleep: true))
        {
            await Task.WhenAll(Task.Factory.StartNew(() => Worker(1), TaskCreationOptions.LongRunning), Task.Factory.StartNew(() => Worker(2), TaskCreationOptions.LongRunning)).WaitAsync(TestTimeouts.Concurrent);
        }

        Assert.Empty(failures);
        Assert.True(pool.Engine.SuperBlocksRetired >= 10, $"only {pool.Engine.SuperBlocksRetired} super blocks were retired");
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
    }

    [Fact]
    public void Budget_FallsBack_OrThrows()
    {
        var options = new BitmapPoolOptions { MaxReservedBytes = 64 * 4096, ThreadCacheSize = 0 };
        using (var pool = new BitmapMemoryPool(options))
        {
            var owners = Enumerable.Range(0, 65).Select(_ => pool.Rent()).ToList();
            Assert.Equal(1, pool.GetStatistics().FallbackCount);
            MemoryRegions.AssertDisjoint(owners.Select(o => o.Memory));
            MemoryRegions.DisposeAll(owners);
            Assert.Equal(0, pool.GetStatistics().InUseBytes);
        }

        options.ExhaustionBehavior = PoolExhaustionBehavior.Throw;
        using (var pool = new BitmapMemoryPool(options))
        {
            var owners = Enumerable.Range(0, 64).Select(_ => pool.Rent()).ToList();
            Assert.Throws<BufferPoolExhaustedException>(() => pool.Rent());
            MemoryRegions.DisposeAll(owners);
        }
    }

    public static TheoryData<string, Action<BitmapPoolOptions>> InvalidValues => new()
    {
        { "BlockSize", o => o.BlockSize = 5000 },
        { "BlockSize", o => o.BlockSize = 32 },
        { "BlockSize", o => o.BlockSize = 2 << 20 },
        { "InitialBlocksPerSuperBlock", o => o.InitialBlocksPerSuperBlock = 32 },
        { "InitialBlocksPerSuperBlock", o => o.InitialBlocksPerSuperBlock = 96 },
        { "InitialBlocksPerSuperBlock", o => o.InitialBlocksPerSuperBlock = 32768 },
        { "MaxBlocksPerSuperBlock", o => o.MaxBlocksPerSuperBlock = 100 },
        { "MaxBlocksPerSuperBlock", o => { o.BlockSize = 1 << 20; o.MaxBlocksPerSuperBlock = 2048; } },
        { "MaxFreeListEntries", o => o.MaxFreeListEntries = 0 },
        { "MaxFreeListEntries", o => o.MaxFreeListEntries = 4097 },
        { "MaxWastagePercent", o => o.MaxWastagePercent = -1 },
        { "MaxWastagePercent", o => o.MaxWastagePercent = 101 },
        { "RetainedFreeListEntries", o => o.RetainedFreeListEntries = 65 },
        { "ThreadCacheSize", o => o.ThreadCacheSize = 17 },
        { "MaxReservedBytes", o => o.MaxReservedBytes = 4096 },
        { "ExhaustionBehavior", o => o.ExhaustionBehavior = (PoolExhaustionBehavior)9 },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void BadOptions_AreRejected_WithTheSettingNamed(string setting, Action<BitmapPoolOptions> configure)
    {
        var options = new BitmapPoolOptions();
        configure(options);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BitmapMemoryPool(options));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void OptionsAtTheirBounds_AreAccepted()
    {
        BitmapPoolOptions[] bounds =
        [
            new() { BlockSize = 64 },
            new() { BlockSize = 1 << 20, MaxBlocksPerSuperBlock = 1024, InitialBlocksPerSuperBlock = 64 },
            new() { MaxBlocksPerSuperBlock = 64 },
            new() { BlockSize = 1024, MaxBlocksPerSuperBlock = 1 << 20, InitialBlocksPerSuperBlock = 1 << 20 },
            new() { MaxFreeListEntries = 1, RetainedFreeListEntries = 1 },
            new() { MaxFreeListEntries = 4096, RetainedFreeListEntries = 4096 },
            new() { MaxWastagePercent = 0 },
            new() { MaxWastagePercent = 100 },
            new() { RetainedFreeListEntries = 0, ThreadCacheSize = 0 },
            new() { ThreadCacheSize = 16 },
            new() { MaxReservedBytes = 64 * 4096 },
        ];
        foreach (BitmapPoolOptions options in bounds)
        {
            using var pool = new BitmapMemoryPool(options);
            Assert.Equal(options.BlockSize, pool.MaxBufferSize);
        }
    }
}
