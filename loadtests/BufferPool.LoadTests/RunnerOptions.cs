namespace BufferPool.LoadTests;

/// <summary>Command line: [--quick] [--pools a,b] [--scenarios a,b] [--duration 15s] [--connections 64] [--output DIR].</summary>
internal sealed record RunnerOptions(bool Quick, string[] Pools, string[] Scenarios, TimeSpan Duration, int Connections, TimeSpan Idle, string Output)
{
    public static readonly string[] AllPools = ["default", "small-block", "bitmap"];

    public static RunnerOptions Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        string? Value(string name)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        string[] pools = Value("--pools")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? AllPools;
        string[] scenarios = Value("--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [.. Scenario.All.Select(s => s.Name)];
        TimeSpan duration = Value("--duration") is { } d ? ParseDuration(d) : quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);
        int connections = Value("--connections") is { } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : quick ? 16 : 64;
        string output = Value("--output") ?? Path.Combine("loadtests", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        foreach (string pool in pools.Where(p => !AllPools.Contains(p)))
        {
            throw new ArgumentException($"--pools: unknown pool '{pool}'; use {string.Join(", ", AllPools)}.");
        }

        foreach (string scenario in scenarios.Where(s => Scenario.All.All(x => x.Name != s)))
        {
            throw new ArgumentException($"--scenarios: unknown scenario '{scenario}'; use {string.Join(", ", Scenario.All.Select(x => x.Name))}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1, "--connections");
        return new RunnerOptions(quick, pools, scenarios, duration, connections, quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30), output);
    }

    private static TimeSpan ParseDuration(string text) =>
        text.EndsWith('s') && int.TryParse(text[..^1], out int seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"--duration: '{text}' is not a number of seconds such as 15s.");
}
