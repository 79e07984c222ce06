using System.Buffers;
using System.Runtime.CompilerServices;

namespace BufferPool.Benchmarks;

/// <summary>
/// Runs <c>Rent(4096)</c> and <c>Dispose</c> through the factory's pool long enough for tiered compilation to install
/// its final (tier-1, profile-guided) code, so that the JIT's own disassembly of the hot path can be read:
/// <c>DOTNET_JitDisasm='Loop Rent Dispose' DOTNET_JitStdOutFile=rent.asm dotnet BufferPool.Benchmarks.dll --factory-loop small-block</c>
/// (see docs/benchmarks.md). Not a measurement: it reports nothing.
/// </summary>
internal static class FactoryLoop
{
    public static async Task RunAsync(string kind)
    {
        (MemoryPool<byte> pool, IAsyncDisposable host) = FactoryPool.Create(kind);

        // Rounds with pauses in between: tier-0 with instrumentation first, then the background compiler's tier-1 code,
        // which is what every later round runs.
        for (int round = 0; round < 60; round++)
        {
            Loop(pool, 100_000);
            Thread.Sleep(50);
        }

        pool.Dispose();
        await host.DisposeAsync();
    }

    /// <summary><paramref name="operations"/> times <c>Rent(4096)</c> and <c>Dispose</c>, as Kestrel calls them on the factory's pool.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Loop(MemoryPool<byte> pool, int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            pool.Rent(4096).Dispose();
        }
    }
}
