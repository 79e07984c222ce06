using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace BufferPool.Hosting.Tests;

public sealed class EchoIntegrityTests
{
    [Theory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task HundredsOfConcurrentEchoesAndUploads_ComeBackByteForByte(string kind)
    {
        await using SampleServer server = await SampleServer.StartAsync(kind);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var random = new Random(i);
            int size = i % 10 == 0 ? 0 : random.Next(0, 400_001);
            byte[] body = new byte[size];
            random.NextBytes(body);
            string expected = Convert.ToHexStringLower(SHA256.HashData(body));

            if (i % 3 == 0)
            {
                using HttpResponseMessage hashed = await server.Client.PostAsync("/sha256", new ByteArrayContent(body), ct);
                string actual = (await hashed.Content.ReadAsStringAsync(ct)).Trim('"');
                if (actual != expected)
                {
                    failures.Enqueue($"sha256 of {size} bytes: {actual} != {expected}");
                }
            }
            else
            {
                using HttpResponseMessage echoed = await server.Client.PostAsync("/echo", new ByteArrayContent(body), ct);
                byte[] back = await echoed.Content.ReadAsByteArrayAsync(ct);
                if (back.Length != size || Convert.ToHexStringLower(SHA256.HashData(back)) != expected)
                {
                    failures.Enqueue($"echo of {size} bytes came back as {back.Length} different bytes");
                }
            }
        });

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task LargeDownloads_AreIntact(string kind)
    {
        await using SampleServer server = await SampleServer.StartAsync(kind);
        byte[] body = await server.Client.GetByteArrayAsync("/bytes/2000000");
        Assert.Equal(2_000_000, body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != (byte)(i % 251))
            {
                Assert.Fail($"byte {i} is {body[i]}, expected {i % 251}");
            }
        }
    }

    [Theory]
    [InlineData("small-block", true)]
    [InlineData("bitmap", false)]
    public async Task LargeResponseWrites_ReachThePool_WhenTheHintFitsMaxBufferSize(string kind, bool expectLargeRents)
    {
        await using SampleServer server = await SampleServer.StartAsync(kind);
        var pools = server.App.Services.GetRequiredService<AppBufferPools>();
        long before = KestrelLargeRents(pools);

        // /bytes asks BodyWriter for up to 64 KiB at a time.
        byte[] body = await server.Client.GetByteArrayAsync("/bytes/1000000");
        Assert.Equal(1_000_000, body.Length);

        long large = KestrelLargeRents(pools) - before;
        if (expectLargeRents)
        {
            // The small-block pool serves up to 64 KiB, so the 16 and 64 KiB hints come to it, not to a shared pool.
            Assert.True(large > 0, "no rent above 4 KiB reached the pool");
        }
        else
        {
            // The bitmap pool's MaxBufferSize is 4096: the pipe sends larger hints elsewhere and never asks it.
            Assert.Equal(0, large);
        }
    }

    private static long KestrelLargeRents(AppBufferPools pools) =>
        pools.Memory.GetOwnerStatistics().Where(o => o.Owner == "kestrel").Sum(o => o.LargeRentCount);
}
