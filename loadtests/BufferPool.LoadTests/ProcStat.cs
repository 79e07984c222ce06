using System.Globalization;

namespace BufferPool.LoadTests;

/// <summary>A process's CPU time and resident set, from /proc (Linux).</summary>
internal static class ProcStat
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux the runner supports.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds the process has used so far (utime + stime).</summary>
    public static double CpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name, in parentheses, may hold spaces; the fields after it start with the state (field 3).
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture), stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>The resident set now (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
