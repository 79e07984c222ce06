namespace BufferPool.LoadTests.Tests;

/// <summary>A test that drives wrk: skipped, and says so, where wrk is not installed (bash loadtests/install-tools.sh).</summary>
public sealed class WrkFactAttribute : FactAttribute
{
    public WrkFactAttribute()
    {
        if (ToolPaths.Which("wrk") is null)
        {
            Skip = "wrk is not installed: bash loadtests/install-tools.sh";
        }
    }
}
