using System.Buffers;
using BufferPool;

namespace BufferPool.RssProbe;

/// <summary>Stale <see cref="Memory{T}"/> over decommitted pages: read and written after the pool gave them back.</summary>
internal static class Stale
{
    public static int Run(string kind)
    {
        // Purge at once, and keep one superblock (small-block) or one store entry (bitmap): the stale buffers then lie
        // both in memory decommitted in place and in memory released from the pool.
        using BufferMemoryPool pool = kind switch
        {
            "small-block" => new SmallBlockMemoryPool(new SmallBlockPoolOptions { PurgeDelay = TimeSpan.Zero, RetainedSuperBlocks = 1 }),
            "bitmap" => new BitmapMemoryPool(new BitmapPoolOptions { PurgeDelay = TimeSpan.Zero, RetainedFreeListEntries = 1 }),
            _ => throw new ArgumentException($"unknown pool kind {kind}", nameof(kind)),
        };

        // Four superblocks' worth (small-block: 1 MiB each; bitmap: 256 KiB, 512 KiB, 1 MiB and 2 MiB).
        int count = 4 * 1024 * 1024 / pool.MaxBufferSize;
        var leases = new IMemoryOwner<byte>[count];
        var stale = new Memory<byte>[count];
        for (int i = 0; i < count; i++)
        {
            leases[i] = pool.Rent(pool.MaxBufferSize);
            stale[i] = leases[i].Memory;
            stale[i].Span.Fill(0xAB);
        }

        foreach (IMemoryOwner<byte> lease in leases)
        {
            lease.Dispose();
        }

        pool.Trim();
        BufferPoolStatistics statistics = pool.GetStatistics();

        // Read every stale buffer (a decommitted page reads as zeros), then write it and read the write back.
        int zeroed = 0, rewritten = 0;
        foreach (Memory<byte> memory in stale)
        {
            Span<byte> span = memory.Span;
            if (!span.ContainsAnyExcept((byte)0))
            {
                zeroed++;
            }

            span.Fill(0xCD);
            if (!span.ContainsAnyExcept((byte)0xCD))
            {
                rewritten++;
            }
        }

        Console.WriteLine($"stale={count} zeroed={zeroed} rewritten={rewritten} decommits={statistics.DecommitCount} committed={statistics.CommittedBytes}");
        return 0;
    }
}
