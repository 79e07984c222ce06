using System.Buffers;
using System.Globalization;
using BufferPool;
using BufferPool.Primitives;
using BufferPool.RssProbe;

// Rents MiB megabytes from one memory pool, writes every byte, returns everything and trims, reading the process's
// RSS (/proc/self/status VmRSS) before, at the peak and after the trim, without any GC in between. Prints one line of
// key=value figures for the test (and for docs/memory.md's measurements).
//   dotnet BufferPool.RssProbe.dll <small-block|bitmap> <MiB> [dontneed|free] [purge-delay-ms]
//   dotnet BufferPool.RssProbe.dll stale <small-block|bitmap>
// The second form keeps the Memory<byte> of rented buffers after returning them, trims with a purge delay of 0 so that
// their pages are decommitted, then reads and writes them through the stale Memory: it prints what it read and exits 0
// if the process survived.
if (args[0] == "stale")
{
    return Stale.Run(args[1]);
}

string kind = args[0];
int mebibytes = int.Parse(args[1], CultureInfo.InvariantCulture);
PageDecommit.Advice = args.Length > 2 && args[2] == "free" ? PageDecommit.LinuxAdvice.Free : PageDecommit.LinuxAdvice.DontNeed;
TimeSpan purgeDelay = args.Length > 3 ? TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture)) : new SmallBlockPoolOptions().PurgeDelay;

using BufferMemoryPool pool = kind switch
{
    "small-block" => new SmallBlockMemoryPool(new SmallBlockPoolOptions { PurgeDelay = purgeDelay }),
    "bitmap" => new BitmapMemoryPool(new BitmapPoolOptions { PurgeDelay = purgeDelay }),
    _ => throw new ArgumentException($"unknown pool kind {kind}", nameof(args)),
};

int size = pool.MaxBufferSize;
int count = (int)((long)mebibytes * 1024 * 1024 / size);
var leases = new IMemoryOwner<byte>[count];

// Warm up the code paths and the lease array, so the figures below are the pool's memory.
pool.Rent(size).Dispose();
Array.Fill(leases, null);
GC.Collect();
long before = Rss();

for (int i = 0; i < count; i++)
{
    leases[i] = pool.Rent(size);
    leases[i].Memory.Span.Fill((byte)i);
}

long peak = Rss();
BufferPoolStatistics atPeak = pool.GetStatistics();
for (int i = 0; i < count; i++)
{
    leases[i].Dispose();
    leases[i] = null!;
}

long released = pool.Trim();
long after = Rss();
BufferPoolStatistics trimmed = pool.GetStatistics();
GCMemoryInfo gc = GC.GetGCMemoryInfo();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"before={before} peak={peak} after={after} released={released} reservedPeak={atPeak.ReservedBytes} committedPeak={atPeak.CommittedBytes} reserved={trimmed.ReservedBytes} committed={trimmed.CommittedBytes} decommits={trimmed.DecommitCount} gcCommitted={gc.TotalCommittedBytes} gcHeap={gc.HeapSizeBytes} gcFragmented={gc.FragmentedBytes}"));

// Resident set size in bytes.
return 0;

static long Rss() => 1024 * long.Parse(
    File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
    CultureInfo.InvariantCulture);
