using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.SmallBlock;

/// <summary>The contract with the default options: <see cref="LeaseMode.PerRent"/>, an owner object per rent.</summary>
public sealed class SmallBlockMemoryPoolContractTests : GuardedMemoryPoolContractTests
{
    protected override bool AllocatesPerRent => true;

    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool();
}

/// <summary>The contract with <see cref="LeaseMode.Reused"/>: the slots' own owner objects, no allocation per rent.</summary>
public sealed class SmallBlockMemoryPoolReusedLeaseContractTests : GuardedMemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
}

/// <summary>
/// The same contract with the per-thread cache off, so every rent and return goes to the lock-free lists, and
/// <see cref="LeaseMode.Reused"/>.
/// </summary>
public sealed class SmallBlockMemoryPoolWithoutThreadCacheContractTests : GuardedMemoryPoolContractTests
{
    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool(new SmallBlockPoolOptions { ThreadCacheSize = 0, BlockSize = 16 * 1024, SuperBlockSize = 64 * 1024, LeaseMode = LeaseMode.Reused });
}

public sealed class SmallBlockMemoryPoolTests
{
    [Fact]
    public void MaxBufferSize_IsTheBlockSize()
    {
        using var pool = new SmallBlockMemoryPool();
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
        using var small = new SmallBlockMemoryPool(new SmallBlockPoolOptions { BlockSize = 4096, SuperBlockSize = 65536 });
        Assert.Equal(4096, small.MaxBufferSize);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(64, 64)]
    [InlineData(65, 80)]
    [InlineData(4000, 4096)]
    [InlineData(4097, 5120)]
    [InlineData(40_000, 40_960)]
    [InlineData(65_536, 65_536)]
    public void Rent_ReturnsTheSizeClassLength(int request, int expected)
    {
        using var pool = new SmallBlockMemoryPool();
        using IMemoryOwner<byte> owner = pool.Rent(request);
        Assert.Equal(expected, owner.Memory.Length);
    }

    [Fact]
    public void ReturnedLease_IsReusedForTheNextRentOfItsClass()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused });
        IMemoryOwner<byte> first = pool.Rent(1000);
        var region = MemoryRegions.Of(first.Memory);
        first.Dispose();
        using IMemoryOwner<byte> second = pool.Rent(1000);
        Assert.Same(first, second);
        Assert.Equal(region, MemoryRegions.Of(second.Memory));
    }

    [Fact]
    public void Growth_IsCountedPerSuperBlock()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 256 * 1024, BlockSize = 64 * 1024 });

        // Four 64 KiB blocks per superblock, one 64 KiB item per block: the fifth rent needs a second superblock.
        var owners = Enumerable.Range(0, 4).Select(_ => pool.Rent(65536)).ToList();
        Assert.Equal(1, pool.GetStatistics().SuperBlocksAllocated);
        owners.Add(pool.Rent(65536));
        Assert.Equal(2, pool.GetStatistics().SuperBlocksAllocated);
        Assert.Equal(512 * 1024, pool.GetStatistics().ReservedBytes);
        MemoryRegions.DisposeAll(owners);
    }

    [Fact]
    public void Trim_KeepsRetainedSuperBlocks()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 128 * 1024, BlockSize = 64 * 1024, RetainedSuperBlocks = 2 });
        var owners = Enumerable.Range(0, 10).Select(_ => pool.Rent(65536)).ToList();
        Assert.Equal(5, pool.GetStatistics().SuperBlockCount);
        MemoryRegions.DisposeAll(owners);

        Assert.Equal(3 * 128 * 1024, pool.Trim());
        Assert.Equal(2, pool.GetStatistics().SuperBlockCount);
        Assert.Equal(3, pool.GetStatistics().SuperBlocksReleased);
        Assert.Equal(0, pool.Trim());
    }

    [Fact]
    public void Trim_DoesNotReleaseASuperBlockWithALiveLease()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024, RetainedSuperBlocks = 0 });
        IMemoryOwner<byte> live = pool.Rent(100);
        MemoryRegions.Stamp(live.Memory.Span, 0x5A5A5A5A);
        var others = Enumerable.Range(0, 3).Select(_ => pool.Rent(65536)).ToList();
        MemoryRegions.DisposeAll(others);

        Assert.Equal(3 * 64 * 1024, pool.Trim());
        Assert.Equal(1, pool.GetStatistics().SuperBlockCount);
        Assert.Equal(-1, MemoryRegions.FindBrokenStamp(live.Memory.Span, 0x5A5A5A5A));
        live.Dispose();
        Assert.Equal(64 * 1024, pool.Trim());
        Assert.Equal(0, pool.GetStatistics().SuperBlockCount);
    }

    [Fact]
    public void Trim_ReleasesItemsCachedByThreadsThatHaveExited()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024, RetainedSuperBlocks = 0 });
        var worker = new Thread(() => pool.Rent(100).Dispose()) { IsBackground = true };
        worker.Start();
        worker.Join();
        Assert.Equal(1, pool.GetStatistics().SuperBlockCount);

        Assert.Equal(64 * 1024, pool.Trim());
        Assert.Equal(0, pool.GetStatistics().SuperBlockCount);
    }

    [Fact]
    public async Task BlocksRetireAndChangeClassUnderLoad_WithoutLosingData()
    {
        // Tiny blocks and no thread cache: blocks empty out constantly, so the trimmer retires blocks that
        // renters have just read as Active, and the stale-class path in the engine is exercised.
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { BlockSize = 4096, SuperBlockSize = 64 * 1024, RetainedSuperBlocks = 0, ThreadCacheSize = 0 });
        var result = await ConcurrentWorkloads.RentReturnWhileTrimming(pool, pool.Trim);

        Assert.Empty(result.Failures);
        Assert.True(pool.Engine.BlocksRetired >= 10, $"only {pool.Engine.BlocksRetired} blocks retired");
        Assert.Equal(0, pool.GetStatistics().InUseBytes);
        Assert.Equal(60_000, pool.GetStatistics().ReturnCount);
    }

    [Fact]
    public void Budget_FallsBackToUnpooledMemory_ByDefault()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024, MaxReservedBytes = 64 * 1024 });
        using IMemoryOwner<byte> pooled = pool.Rent(65536);
        IMemoryOwner<byte> fallback = pool.Rent(65536);
        Assert.Equal(65536, fallback.Memory.Length);
        MemoryRegions.AssertDisjoint([pooled.Memory, fallback.Memory]);

        BufferPoolStatistics stats = pool.GetStatistics();
        Assert.Equal(1, stats.FallbackCount);
        Assert.Equal(1, stats.SuperBlockCount);
        Assert.Equal(2 * 65536, stats.InUseBytes);
        fallback.Dispose();
        Assert.Equal(65536, pool.GetStatistics().InUseBytes);

        // A second dispose is ignored: the fallback's return is counted once.
        fallback.Dispose();
        Assert.Equal(65536, pool.GetStatistics().InUseBytes);
        Assert.Equal(1, pool.GetStatistics().ReturnCount);
    }

    [Fact]
    public void Budget_Throws_WhenConfiguredTo()
    {
        using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 64 * 1024, BlockSize = 64 * 1024, MaxReservedBytes = 64 * 1024, ExhaustionBehavior = PoolExhaustionBehavior.Throw });
        using IMemoryOwner<byte> pooled = pool.Rent(65536);
        Assert.Throws<BufferPoolExhaustedException>(() => pool.Rent(65536));

        // A smaller class still fits in no block either: every block of the one superblock is taken.
        Assert.Throws<BufferPoolExhaustedException>(() => pool.Rent(64));
        Assert.Equal(0, pool.GetStatistics().FallbackCount);
    }
}
