using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Leases;

public sealed class PerRentLeaseTests
{
    public static TheoryData<string> Kinds => LeaseTestPools.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AStaleDispose_IsIgnored_AndNeverHandsALiveLeasesMemoryToAnotherRent(string kind)
    {
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.PerRent);
        for (int round = 0; round < 2000; round++)
        {
            IMemoryOwner<byte> stale = pool.Rent(4096);
            var staleRegion = MemoryRegions.Of(stale.Memory);
            stale.Dispose();

            // The slot comes straight back from this thread's cache, so the stale owner and the live one share a slot.
            IMemoryOwner<byte> live = pool.Rent(4096);
            Assert.Equal(staleRegion, MemoryRegions.Of(live.Memory));
            MemoryRegions.Stamp(live.Memory.Span, round);

            stale.Dispose();

            IMemoryOwner<byte> next = pool.Rent(4096);
            MemoryRegions.AssertDisjoint([live.Memory, next.Memory]);
            MemoryRegions.Stamp(next.Memory.Span, ~round);
            Assert.Equal(-1, MemoryRegions.FindBrokenStamp(live.Memory.Span, round));
            next.Dispose();
            live.Dispose();
        }

        Assert.Equal(0, LeaseTestPools.Statistics(pool).InUseBytes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MemoryOfAStaleOwner_Throws_AfterItsSlotWasRentedAgain(string kind)
    {
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.PerRent);
        IMemoryOwner<byte> stale = pool.Rent(100);
        stale.Dispose();
        using IMemoryOwner<byte> live = pool.Rent(100);

        Assert.NotSame(stale, live);
        Assert.Throws<ObjectDisposedException>(() => stale.Memory);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachRent_AllocatesOneSmallOwner(string kind)
    {
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.PerRent);
        for (int i = 0; i < 1000; i++)
        {
            pool.Rent(4096).Dispose();
        }

        const int Rents = 10_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rents; i++)
        {
            pool.Rent(4096).Dispose();
        }

        long perRent = (GC.GetAllocatedBytesForCurrentThread() - before) / Rents;
        Assert.Equal(IntPtr.Size == 8 ? 24 : 12, perRent);
    }

    [Fact]
    public void PerRent_IsTheDefault_ForBothPools()
    {
        Assert.Equal(LeaseMode.PerRent, new SmallBlockPoolOptions().LeaseMode);
        Assert.Equal(LeaseMode.PerRent, new BitmapPoolOptions().LeaseMode);
        Assert.Equal(0, new SmallBlockPoolOptions().TrackingSampleRate);
        Assert.Equal(0, new BitmapPoolOptions().TrackingSampleRate);

        using var smallBlock = new SmallBlockMemoryPool();
        IMemoryOwner<byte> first = smallBlock.Rent(100);
        first.Dispose();
        using IMemoryOwner<byte> second = smallBlock.Rent(100);
        Assert.NotSame(first, second);
    }

    public static TheoryData<string, Action<SmallBlockPoolOptions>, Action<BitmapPoolOptions>> InvalidValues => new()
    {
        { "LeaseMode", o => o.LeaseMode = (LeaseMode)2, o => o.LeaseMode = (LeaseMode)(-1) },
        { "TrackingSampleRate", o => o.TrackingSampleRate = -1, o => o.TrackingSampleRate = -1 },
        { "TrackingSampleRate", o => o.TrackingSampleRate = (1 << 20) + 1, o => o.TrackingSampleRate = int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void BadLeaseSettings_AreRejected_WithTheSettingNamed(string setting, Action<SmallBlockPoolOptions> smallBlock, Action<BitmapPoolOptions> bitmap)
    {
        var smallBlockOptions = new SmallBlockPoolOptions();
        smallBlock(smallBlockOptions);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBlockMemoryPool(smallBlockOptions));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);

        var bitmapOptions = new BitmapPoolOptions();
        bitmap(bitmapOptions);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BitmapMemoryPool(bitmapOptions));
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void LeaseSettingsAtTheirBounds_AreAccepted()
    {
        foreach (int rate in new[] { 0, 1, 1024, 1 << 20 })
        {
            using var smallBlock = new SmallBlockMemoryPool(new SmallBlockPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = rate });
            using var bitmap = new BitmapMemoryPool(new BitmapPoolOptions { LeaseMode = LeaseMode.Reused, TrackingSampleRate = rate });
            smallBlock.Rent().Dispose();
            bitmap.Rent().Dispose();
        }
    }
}
