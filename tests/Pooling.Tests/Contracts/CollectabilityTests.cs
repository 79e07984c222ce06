using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Tests.Contracts;

/// <summary>
/// Every pool may be dropped without <c>Dispose</c> (an <see cref="ArrayPool{T}"/> has no <c>Dispose</c> in its
/// contract): nothing in the process may keep it alive, not the diagnostics registry and not the thread caches of
/// threads that used it and live on.
/// </summary>
public sealed class CollectabilityTests
{
    public static TheoryData<string> Kinds => new() { "small-block", "bitmap", "small-block-array", "free-list" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void APoolUsedFromThreadsThatLiveOn_AndDropped_IsCollected(string kind)
    {
        using var helperReady = new ManualResetEventSlim();
        using var helperDone = new ManualResetEventSlim();
        Action? work = null;

        // A thread that uses the pool and then stays alive, idle, with the pool's items in its cache.
        var helper = new Thread(() =>
        {
            helperReady.Wait();
            Invoke(() => work);
            helperDone.Set();
            Thread.Sleep(Timeout.Infinite);
        }) { IsBackground = true };
        helper.Start();

        WeakReference pool = CreateUseAndDrop(kind, w => work = w, helperReady, helperDone);

        for (int i = 0; i < 5 && pool.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        Assert.False(pool.IsAlive, $"the {kind} pool is still reachable after it was dropped");
    }

    // Its own frame: a Debug build keeps a frame's temporaries alive until it returns, and the helper thread's frame
    // never returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Invoke(Func<Action?> work) => work()!();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CreateUseAndDrop(string kind, Action<Action> setWork, ManualResetEventSlim ready, ManualResetEventSlim done)
    {
        IBufferPool pool = Create(kind);
        Action use = Use(pool);
        use();
        setWork(use);
        ready.Set();
        done.Wait();
        setWork(null!);
        Assert.True(pool.GetStatistics().RentCount >= 6);
        return new WeakReference(pool);
    }

    private static IBufferPool Create(string kind) => kind switch
    {
        "small-block" => new SmallBlockMemoryPool(),
        "bitmap" => new BitmapMemoryPool(),
        "small-block-array" => new SmallBlockArrayPool<byte>(),
        _ => new FreeListArrayPool<byte>(),
    };

    // Rents and returns a few buffers, so the calling thread's cache keeps some of them.
    private static Action Use(IBufferPool pool) => pool switch
    {
        MemoryPool<byte> memory => () =>
        {
            IMemoryOwner<byte>[] leases = [memory.Rent(100), memory.Rent(4096), memory.Rent(4096)];
            foreach (IMemoryOwner<byte> lease in leases)
            {
                lease.Memory.Span.Fill(1);
                lease.Dispose();
            }
        },
        ArrayPool<byte> arrays => () =>
        {
            byte[][] rented = [arrays.Rent(100), arrays.Rent(4096), arrays.Rent(4096)];
            foreach (byte[] array in rented)
            {
                arrays.Return(array);
            }
        },
        _ => throw new ArgumentOutOfRangeException(nameof(pool)),
    };
}
