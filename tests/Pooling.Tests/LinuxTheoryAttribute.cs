namespace BufferPool.Tests;

/// <summary>A theory that reads Linux's /proc: skipped elsewhere, and says why.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Reads the child process's RSS from /proc/self/status, which only Linux has; the pools decommit with madvise there and with DiscardVirtualMemory on Windows, whose working set this test does not read.";
        }
    }
}
