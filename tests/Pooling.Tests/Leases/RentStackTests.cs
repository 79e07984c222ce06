using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BufferPool.Tests.Diagnostics;

namespace BufferPool.Tests.Leases;

/// <summary>
/// The rent stacks of diagnostics mode and of sampled tracking start at the caller's frame, also once the tiered
/// JIT has optimized the rent path (and inlined parts of it), which is when a fixed frame skip count went wrong.
/// </summary>
[Collection(DiagnosticsCollection.Name)]
public sealed class RentStackTests
{
    public static TheoryData<string> Kinds => LeaseTestPools.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DiagnosticsMode_ReportsTheCallerAsTheFirstFrame(string kind)
    {
        using MemoryPool<byte> pool = kind == "bitmap"
            ? new BitmapMemoryPool(new BitmapPoolOptions { DiagnosticsMode = true })
            : new SmallBlockMemoryPool(new SmallBlockPoolOptions { DiagnosticsMode = true });
        WarmUp(pool);

        IMemoryOwner<byte> kept = RentHere(pool);
        BufferPoolLeak leak = Assert.Single(pool is BitmapMemoryPool bitmap ? bitmap.GetLeaks() : ((SmallBlockMemoryPool)pool).GetLeaks());
        Assert.Contains(nameof(RentHere), FirstFrame(leak.StackTrace));
        kept.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SampledTracking_ReportsTheCallerAsTheFirstFrame(string kind)
    {
        using MemoryPool<byte> pool = LeaseTestPools.Create(kind, LeaseMode.Reused, sampleRate: 1);
        ConcurrentQueue<string> misuse = LeaseTestPools.Misuse(pool);
        WarmUp(pool);

        IMemoryOwner<byte> stale = RentHere(pool);
        stale.Dispose();
        stale.Dispose();
        Assert.Contains(nameof(RentHere), FirstFrame(Assert.Single(misuse)));
    }

    private static void WarmUp(MemoryPool<byte> pool)
    {
        // Past the tiering call count, then long enough for the background compiler to install optimized code.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 200; i++)
            {
                RentHere(pool).Dispose();
            }

            Thread.Sleep(200);
        }
    }

    private static string FirstFrame(string text) =>
        text.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith("at ", StringComparison.Ordinal));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMemoryOwner<byte> RentHere(MemoryPool<byte> pool) => pool.Rent(1000);
}
