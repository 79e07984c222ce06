namespace BufferPool.Tests;

/// <summary>
/// Upper bounds for multi-threaded tests. A lock-free bug often shows as a thread spinning forever rather than
/// as a wrong value; the bound turns that into a failure instead of a CI run that never ends.
/// </summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Concurrent = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("BUFFERPOOL_TEST_TIMEOUT_SECONDS"), out double s) ? s : 120);
}
