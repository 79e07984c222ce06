namespace BufferPool.LoadTests;

/// <summary>Where the load generators are, and what to run when one is missing.</summary>
internal static class ToolPaths
{
    public static string LoadTestsDirectory { get; } = FindLoadTestsDirectory();

    public static string AutocannonLatencyScript => Path.Combine(LoadTestsDirectory, "autocannon-latency.js");

    /// <summary>Null when every tool the HTTP runner drives is there; otherwise what to run to install them.</summary>
    public static string? MissingToolsAdvice()
    {
        var missing = new List<string>();
        if (Which("wrk") is null)
        {
            missing.Add("wrk: sudo apt-get install -y wrk   (Debian; the package named 'bombardier' is a game, not this)");
        }

        if (Which("h2load") is null)
        {
            missing.Add("h2load: sudo apt-get install -y nghttp2-client   (Debian)");
        }

        if (Which("node") is null || !Directory.Exists(Path.Combine(LoadTestsDirectory, "node_modules", "autocannon")))
        {
            missing.Add($"autocannon: (cd {LoadTestsDirectory} && npm ci)   (pinned in loadtests/package.json)");
        }

        return missing.Count == 0 ? null : "Missing load generators. Install them with:\n  " + string.Join("\n  ", missing) + "\nor run: bash loadtests/install-tools.sh";
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string FindLoadTestsDirectory()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "loadtests", "package.json")))
            {
                return Path.Combine(dir, "loadtests");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "loadtests");
    }
}
