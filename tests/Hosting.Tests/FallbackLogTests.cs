using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BufferPool.Hosting.Tests;

/// <summary>A pool serving rents outside itself writes a Warning: the first at once, then at most one per pool per minute.</summary>
public sealed class FallbackLogTests
{
    [Fact]
    public void BudgetFallbacks_WarnOnce_ThenAtMostOncePerMinute_NamingPoolOwnersSizeAndCount()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using ServiceProvider provider = Services(time, s => s.AddSmallBlockPool(o =>
        {
            o.MaxReservedBytes = o.SuperBlockSize;
            o.ThreadCacheSize = 0;
        }));
        var pool = (BufferMemoryPool)provider.GetRequiredService<MemoryPool<byte>>();
        FakeLogCollector logs = provider.GetRequiredService<FakeLogCollector>();

        // Hold 64 KiB leases until the one superblock the budget allows is spent and a rent falls back.
        var held = new List<IMemoryOwner<byte>>();
        for (int i = 0; i < 64 && pool.GetStatistics().FallbackCount == 0; i++)
        {
            held.Add(pool.Rent(64 * 1024));
        }

        Assert.Equal(1, pool.GetStatistics().FallbackCount);
        FakeLogRecord first = Assert.Single(Warnings(logs));
        Assert.Equal(MisuseLog.Category, first.Category);
        Assert.Equal(3, first.Id.Id);
        Assert.Equal(
            "The small-block pool (owners: app) served 65536 bytes outside itself because its MaxReservedBytes (1048576) was spent; " +
            "raise MaxReservedBytes, or find who holds the buffers (/_bufferpool, TrackingSampleRate). Fallbacks so far: 1. (At most one such warning per pool every 00:01:00.)",
            first.Message);

        // More fallbacks within the minute: counted, not logged.
        held.Add(pool.Rent(64 * 1024));
        time.Advance(TimeSpan.FromSeconds(59));
        held.Add(pool.Rent(64 * 1024));
        Assert.Single(Warnings(logs));

        // A minute after the first: one more, with every fallback counted.
        time.Advance(TimeSpan.FromSeconds(1));
        held.Add(pool.Rent(4096));
        FakeLogRecord second = Warnings(logs)[1];
        Assert.Equal(2, Warnings(logs).Count);
        Assert.Contains("served 4096 bytes outside itself", second.Message);
        Assert.Contains("Fallbacks so far: 4.", second.Message);
        Assert.Equal(4, pool.GetStatistics().FallbackCount);
        held.ForEach(l => l.Dispose());
    }

    [Fact]
    public void EachPool_HasItsOwnLimit_AndOversizeArraysSaySo()
    {
        var time = new FakeTimeProvider();
        using ServiceProvider provider = Services(time, s => s.AddBitmapPool(configureArrays: o => o.MaxArrayLength = 1024));
        ArrayPool<byte> bytes = provider.GetRequiredService<ArrayPool<byte>>();
        ArrayPool<char> chars = provider.GetRequiredService<ArrayPool<char>>();
        FakeLogCollector logs = provider.GetRequiredService<FakeLogCollector>();

        bytes.Return(bytes.Rent(1024));
        Assert.Empty(Warnings(logs));

        bytes.Rent(5000);
        bytes.Rent(6000);
        chars.Rent(2000);

        Assert.Equal(
            [
                "The free-list<byte> pool (owners: app) served 5000 bytes outside itself because it is longer than MaxArrayLength (1024); raise MaxArrayLength if such rents are common. Fallbacks so far: 1. (At most one such warning per pool every 00:01:00.)",
                "The free-list<char> pool (owners: app) served 4000 bytes outside itself because it is longer than MaxArrayLength (1024); raise MaxArrayLength if such rents are common. Fallbacks so far: 1. (At most one such warning per pool every 00:01:00.)",
            ],
            Warnings(logs).Select(r => r.Message));
    }

    [Fact]
    public void ARefusedRent_WarnsToo_WhenTheBudgetThrows()
    {
        using ServiceProvider provider = Services(new FakeTimeProvider(), s => s.AddBitmapPool(o =>
        {
            o.MaxReservedBytes = 64 * 4096;
            o.ExhaustionBehavior = PoolExhaustionBehavior.Throw;
            o.ThreadCacheSize = 0;
        }));
        MemoryPool<byte> pool = provider.GetRequiredService<MemoryPool<byte>>();
        FakeLogCollector logs = provider.GetRequiredService<FakeLogCollector>();

        var held = new List<IMemoryOwner<byte>>();
        Assert.Throws<BufferPoolExhaustedException>(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                held.Add(pool.Rent(4096));
            }
        });

        FakeLogRecord warning = Assert.Single(Warnings(logs));
        Assert.Equal(4, warning.Id.Id);
        Assert.StartsWith("The bitmap pool (owners: app) refused a rent of 4096 bytes with BufferPoolExhaustedException because its MaxReservedBytes (262144) was spent", warning.Message);
        held.ForEach(l => l.Dispose());
    }

    private static ServiceProvider Services(TimeProvider time, Action<IServiceCollection> addPool)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton(time);
        addPool(services);
        return services.BuildServiceProvider();
    }

    private static List<FakeLogRecord> Warnings(FakeLogCollector logs) => [.. logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning)];
}
