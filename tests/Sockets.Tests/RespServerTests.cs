using System.Text;
using static BufferPool.Sockets.Tests.RespClient;

namespace BufferPool.Sockets.Tests;

/// <summary>samples/RespServer over real sockets: data checked byte for byte, and the pool's in-use bytes afterwards.</summary>
public sealed class RespServerTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData("small-block")]
    [InlineData("bitmap")]
    public async Task Concurrent_clients_set_and_get_values_up_to_1_MiB_byte_for_byte_and_leave_only_stored_leases_in_use(string kind)
    {
        await using RespServerHost server = await RespServerHost.StartAsync(kind);
        var expected = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var random = new Random(c * 7919);
            await using RespClient client = await ConnectAsync(server.EndPoint);
            for (int i = 0; i < 6; i++)
            {
                // Client 0 also covers both ends of the range: an empty value and the 1 MiB limit.
                int length = c == 0 && i == 0 ? 0 : c == 0 && i == 1 ? MiB : random.Next(0, MiB + 1);
                byte[] value = new byte[length];
                random.NextBytes(value);
                string key = $"key:{c}:{i % 4}";   // i 4 and 5 overwrite keys 0 and 1, returning their leases
                Assert.Equal("OK", await client.CommandAsync(B("SET"), B(key), value));
                Assert.Equal(value, Assert.IsType<byte[]>(await client.CommandAsync(B("GET"), B(key))));
                expected[key] = value;
            }

            Assert.Equal(1L, await client.CommandAsync("DEL", $"key:{c}:3", "no-such-key"));
            expected.TryRemove($"key:{c}:3", out _);
        })));

        await using (RespClient check = await ConnectAsync(server.EndPoint))
        {
            foreach (var (key, value) in expected)
            {
                Assert.Equal(value, Assert.IsType<byte[]>(await check.CommandAsync(B("GET"), B(key))));
            }

            Assert.Null(await check.CommandAsync("GET", "key:0:3"));
        }

        Assert.Equal(expected.Count, server.Store.Count);
        var (inUse, stored) = await server.SettleAsync();
        Assert.Equal(stored, inUse);
        Assert.True(stored >= expected.Values.Sum(v => (long)v.Length), $"stored {stored} bytes of leases for {expected.Values.Sum(v => (long)v.Length)} bytes of values");
    }

    [Fact]
    public async Task Default_kind_round_trips_on_the_shared_pool()
    {
        await using RespServerHost server = await RespServerHost.StartAsync("default");
        Assert.Same(System.Buffers.MemoryPool<byte>.Shared, server.Server.Pipes.Pool);
        await using RespClient client = await ConnectAsync(server.EndPoint);
        byte[] value = new byte[300_000];
        new Random(5).NextBytes(value);
        Assert.Equal("OK", await client.CommandAsync(B("SET"), B("k"), value));
        Assert.Equal(value, Assert.IsType<byte[]>(await client.CommandAsync(B("GET"), B("k"))));
    }

    [Fact]
    public async Task Commands_answer_as_redis_does()
    {
        await using RespServerHost server = await RespServerHost.StartAsync();
        await using RespClient client = await ConnectAsync(server.EndPoint);
        Assert.Equal("PONG", await client.CommandAsync("PING"));
        Assert.Equal(B("hello"), await client.CommandAsync("ping", "hello"));
        Assert.Equal(B("echo me"), await client.CommandAsync("ECHO", "echo me"));
        Assert.Equal("OK", await client.CommandAsync("set", "a", "1"));
        Assert.Equal("OK", await client.CommandAsync("SET", "b", "2"));
        Assert.Equal(2L, await client.CommandAsync("DEL", "a", "b", "c"));
        Assert.Null(await client.CommandAsync("GET", "a"));
        Assert.Empty(Assert.IsType<object?[]>(await client.CommandAsync("CONFIG", "GET", "maxmemory")));
        Assert.Equal([B("appendonly"), B("no")], Assert.IsType<object?[]>(await client.CommandAsync("CONFIG", "GET", "appendonly")));
        Assert.Equal("ERR unknown command 'FLUSHALL'", Assert.IsType<RespError>(await client.CommandAsync("FLUSHALL")).Message);
        Assert.StartsWith("ERR wrong number of arguments", Assert.IsType<RespError>(await client.CommandAsync("GET")).Message);

        // Inline commands, as redis-benchmark's PING_INLINE test sends them, and several commands in one write.
        await client.SendRawAsync(B("PING\r\nECHO inline\r\n"));
        Assert.Equal("PONG", await client.ReadReplyAsync());
        Assert.Equal(B("inline"), await client.ReadReplyAsync());
        string info = Encoding.ASCII.GetString(Assert.IsType<byte[]>(await client.CommandAsync("INFO")));
        Assert.Contains("kind:small-block", info);
        Assert.Contains("gen0:", info);
    }

    [Fact]
    public async Task A_client_that_aborts_mid_value_leaks_no_lease()
    {
        await using RespServerHost server = await RespServerHost.StartAsync();
        await using (RespClient keeper = await ConnectAsync(server.EndPoint))
        {
            Assert.Equal("OK", await keeper.CommandAsync(B("SET"), B("kept"), new byte[70_000]));
        }

        await using (RespClient aborter = await ConnectAsync(server.EndPoint))
        {
            byte[] whole = Encode(B("SET"), B("half"), new byte[800_000]);
            await aborter.SendRawAsync(whole[..(whole.Length / 2)]);

            // Wait until the server holds the half value in its receive pipe, so the abort tears down a full one.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (server.Pool.GetStatistics().InUseBytes < server.Store.StoredBytes + 300_000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.True(server.Pool.GetStatistics().InUseBytes >= server.Store.StoredBytes + 300_000, "the half value never reached the receive pipe");
            aborter.Abort();
        }

        var (inUse, stored) = await server.SettleAsync();
        Assert.Equal(stored, inUse);
        Assert.Equal(1, server.Store.Count);
        await using RespClient check = await ConnectAsync(server.EndPoint);
        Assert.Null(await check.CommandAsync("GET", "half"));
    }

    [Theory]
    [InlineData("*1\r\nX3\r\nfoo\r\n", "ERR Protocol error: expected '$', got 'X'")]
    [InlineData("*2\r\n$3\r\nGET\r\n$1049600\r\n", "ERR Protocol error: invalid bulk length")]
    [InlineData("*2\r\n$3\r\nGET\r\n$-5\r\n", "ERR Protocol error: invalid bulk length")]
    [InlineData("*x\r\n", "ERR Protocol error: invalid length")]
    [InlineData("*0\r\n", "ERR Protocol error: invalid multibulk length")]
    [InlineData("*1\r\n$3\r\nPINGX\r\n", "ERR Protocol error: expected CRLF after a bulk string")]
    public async Task Bad_input_gets_an_error_reply_and_the_connection_closes_without_a_leak(string request, string error)
    {
        await using RespServerHost server = await RespServerHost.StartAsync();
        await using (RespClient keeper = await ConnectAsync(server.EndPoint))
        {
            Assert.Equal("OK", await keeper.CommandAsync(B("SET"), B("kept"), new byte[10_000]));
        }

        await using (RespClient client = await ConnectAsync(server.EndPoint))
        {
            // A good command first, in the same write: it is answered before the bad one closes the connection.
            await client.SendRawAsync([.. Encode(B("PING")), .. B(request)]);
            Assert.Equal("PONG", await client.ReadReplyAsync());
            Assert.Equal(error, Assert.IsType<RespError>(await client.ReadReplyAsync()).Message);
            Assert.True(await client.IsClosedByServerAsync());
        }

        var (inUse, stored) = await server.SettleAsync();
        Assert.Equal(stored, inUse);
        Assert.Equal(1, server.Store.Count);
    }

    [Fact]
    public async Task Stopping_the_server_returns_every_stored_lease()
    {
        RespServerHost server = await RespServerHost.StartAsync();
        try
        {
            await using (RespClient client = await ConnectAsync(server.EndPoint))
            {
                for (int i = 0; i < 5; i++)
                {
                    Assert.Equal("OK", await client.CommandAsync(B("SET"), B($"k{i}"), new byte[200_000]));
                }
            }

            Assert.True(server.Store.StoredBytes >= 1_000_000);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.Host.StopAsync(timeout.Token);
            Assert.Equal(0, server.Store.StoredBytes);
            Assert.Equal(0, server.Store.StoredLeases);
            var (inUse, _) = await server.SettleAsync();
            Assert.Equal(0, inUse);
        }
        finally
        {
            server.Host.Dispose();
        }
    }
}
