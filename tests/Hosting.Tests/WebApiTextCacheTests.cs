namespace BufferPool.Hosting.Tests;

/// <summary>
/// samples/WebApi's text cache stays bounded, measured as the heap of this test process. Alone in a collection that
/// runs after the others and not beside them: every test class in this assembly shares the heap, and one running in
/// parallel (a sample server, a burst of rents) once added 61 MiB to this test's figure in CI.
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class WebApiTextCacheTests
{
    [Fact]
    public async Task ManyTextLengths_KeepOnlyAFewTextsCached()
    {
        await using SampleServer server = await SampleServer.StartAsync("small-block");
        long before = GC.GetTotalMemory(forceFullCollection: true);

        // Sixty-four distinct 1 Mi-character texts are 128 MiB as strings; a cache of all of them would keep that.
        for (int i = 0; i < 64; i++)
        {
            using HttpResponseMessage response = await server.Client.GetAsync($"/text/{(1 << 20) + i}", HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 48L * 1024 * 1024, $"the heap grew by {(after - before) / 1048576} MiB");
    }
}

/// <summary>Tests that read the whole process's heap, run with nothing else in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "Heap measuring";
}
