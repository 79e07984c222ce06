using System.Buffers;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// The contract of every pool whose leases are guarded, which is every mode but an owner's view: on top of
/// <see cref="MemoryPoolContractTests"/>, two <c>Dispose</c> calls racing on one lease return its slot once. A view's
/// trusted caller promises one <c>Dispose</c> per lease instead (docs/contract.md), so its classes derive from
/// <see cref="MemoryPoolContractTests"/> alone.
/// </summary>
public abstract class GuardedMemoryPoolContractTests : MemoryPoolContractTests
{
    [Fact]
    public void TwoThreads_RacingDoubleDispose_ReturnTheSlotOnce_AndNeitherThrows()
    {
        using MemoryPool<byte> pool = CreatePool();
        const int Rounds = 2000;
        Assert.Empty(ConcurrentWorkloads.RacingDisposes(() => pool.Rent(256), Rounds));

        // One return per rent reached the pool: a slot returned twice would be counted twice.
        BufferPoolStatistics stats = GetStatistics(pool);
        Assert.Equal(Rounds, stats.RentCount);
        Assert.Equal(Rounds, stats.ReturnCount);
        var live = Enumerable.Range(0, 256).Select(_ => pool.Rent(256)).ToList();
        MemoryRegions.AssertDisjoint(live.Select(o => o.Memory));
        MemoryRegions.DisposeAll(live);
    }
}
