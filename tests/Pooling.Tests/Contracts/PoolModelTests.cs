using System.Buffers;
using FsCheck;
using FsCheck.Fluent;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// Model-based checks: random sequences of rents and returns run against a pool and against a trivially
/// correct model (a list of live leases with the size asked for and a stamp). After every step the pool must
/// agree with the model: every live lease long enough, no two overlapping, every stamp intact, and the
/// in-use byte count equal to the sum of the live leases.
/// </summary>
public abstract class PoolModelTests
{
    protected abstract MemoryPool<byte> CreatePool();

    protected static BufferPoolStatistics GetStatistics(MemoryPool<byte> pool) => ((IBufferPool)pool).GetStatistics();

    protected static long Trim(MemoryPool<byte> pool) => ((IBufferPool)pool).Trim();

    /// <summary>One step: rent <c>Size</c> bytes, or return the live lease at <c>Pick % count</c>, or trim.</summary>
    public sealed record Step(int Kind, int Size, int Pick);

    [Fact]
    public void RandomRentReturnTrimSequences_AgreeWithTheModel()
    {
        int max;
        using (MemoryPool<byte> probe = CreatePool())
        {
            max = probe.MaxBufferSize;
        }

        Gen<Step> step =
            from kind in Gen.Frequency((6, Gen.Constant(0)), (5, Gen.Constant(1)), (1, Gen.Constant(2)))
            from size in Gen.OneOf(Gen.Choose(-1, 300), Gen.Choose(1, max), Gen.Elements(4096, max))
            from pick in Gen.Choose(0, int.MaxValue)
            select new Step(kind, size, pick);

        Prop.ForAll(step.ListOf().ToArbitrary(), steps => RunAgainstModel(steps))
            .QuickCheckThrowOnFailure();
    }

    private bool RunAgainstModel(IList<Step> steps)
    {
        using MemoryPool<byte> pool = CreatePool();
        var live = new List<(IMemoryOwner<byte> Owner, int Asked, int Stamp)>();
        int nextStamp = 1;
        foreach (Step s in steps)
        {
            if (s.Kind == 0 || live.Count == 0)
            {
                IMemoryOwner<byte> owner = pool.Rent(s.Size);
                int stamp = nextStamp++;
                MemoryRegions.Stamp(owner.Memory.Span, stamp);
                live.Add((owner, s.Size, stamp));
            }
            else if (s.Kind == 1)
            {
                int at = s.Pick % live.Count;
                live[at].Owner.Dispose();
                live.RemoveAt(at);
            }
            else
            {
                Trim(pool);
            }

            foreach (var (owner, asked, stamp) in live)
            {
                int expectedMin = asked <= 0 ? 1 : asked;
                if (owner.Memory.Length < expectedMin || MemoryRegions.FindBrokenStamp(owner.Memory.Span, stamp) >= 0)
                {
                    return false;
                }
            }

            MemoryRegions.AssertDisjoint(live.Select(l => l.Owner.Memory));
            if (GetStatistics(pool).InUseBytes != live.Sum(l => (long)l.Owner.Memory.Length))
            {
                return false;
            }
        }

        foreach (var l in live)
        {
            l.Owner.Dispose();
        }

        return GetStatistics(pool).InUseBytes == 0;
    }
}

public sealed class SmallBlockMemoryPoolModelTests : PoolModelTests
{
    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool(new SmallBlockPoolOptions { SuperBlockSize = 128 * 1024, BlockSize = 16 * 1024, RetainedSuperBlocks = 0, ThreadCacheSize = 2 });
}
