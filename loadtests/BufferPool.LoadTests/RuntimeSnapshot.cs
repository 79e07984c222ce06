namespace BufferPool.LoadTests;

/// <summary>The server's GC counts, allocated bytes and JIT-compiled methods at one moment (its /_runtime).</summary>
internal sealed record RuntimeSnapshot(long Gen0, long Gen1, long Gen2, long AllocatedBytes, long JitMethods);
