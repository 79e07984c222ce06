using System.Buffers;
using BufferPool;

using var pool = new SmallBlockMemoryPool(new SmallBlockPoolOptions { MaxReservedBytes = 64 << 20 });
using (IMemoryOwner<byte> lease = pool.Rent(1500)) // 1536 bytes: its size class, under 25% waste
{
    lease.Memory.Span.Fill(42);
}

using var chars = new SmallBlockArrayPool<char>(); // an ArrayPool<char> with ArrayPool<char>.Shared's contract
char[] text = chars.Rent(4096);
chars.Return(text);

Console.WriteLine(pool.GetStatistics()); // reserved, committed and in-use bytes, rents, returns ...
Console.WriteLine($"Trim() released {pool.Trim()} bytes"); // 0 here: a pool keeps one superblock (RetainedSuperBlocks)
