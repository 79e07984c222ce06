namespace BufferPool.Tests;

/// <summary>A test that needs the pools to decommit: skipped, and says why, where they do not (not Linux or Windows).</summary>
public sealed class DecommitFactAttribute : FactAttribute
{
    public DecommitFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            Skip = "The pools give pages back with madvise on Linux and DiscardVirtualMemory on Windows; elsewhere decommitting is a documented no-op, so there is no race to test.";
        }
    }
}
