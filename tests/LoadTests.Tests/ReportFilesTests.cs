using System.Text.RegularExpressions;

namespace BufferPool.LoadTests.Tests;

/// <summary>report.md links only charts that were written beside it.</summary>
public sealed class ReportFilesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryChartTheReportShows_Exists(bool withBurst)
    {
        string directory = Directory.CreateTempSubdirectory("bufferpool-report-").FullName;
        try
        {
            string[] pools = ["default", "small-block"];
            Trial[] trials = [.. pools.SelectMany(pool => new[] { 1, 2, 3 }.Select(round => Trial(round, pool)))];
            BurstSample[] burst = withBurst
                ? [.. pools.SelectMany(pool => new[] { 0.0, 1.0, 2.0 }.Select(s => new BurstSample(1, pool, s, 100, 10 - (4 * s), 9 - (4 * s), s < 1)))]
                : [];
            var options = new RunnerOptions(false, pools, [Scenario.All.Single(s => s.Name == "hello")], 3, TimeSpan.FromSeconds(6),
                TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(210), 64, TimeSpan.FromSeconds(30), directory);
            var report = new RunReport(options, DateTime.UtcNow, DateTime.UtcNow, [], trials, SummaryRow.From(trials, ["hello"], pools), burst);

            Charts.Write(directory, report);
            MarkdownReport.Write(directory, report);

            string markdown = File.ReadAllText(Path.Combine(directory, "report.md"));
            string[] images = [.. Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value)];
            Assert.Contains("ratio.png", images);
            Assert.Equal(withBurst, images.Contains("burst.png"));
            Assert.All(images, image => Assert.True(File.Exists(Path.Combine(directory, image)), $"report.md shows {image}, which was not written"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Trial Trial(int round, string pool) =>
        new(round, 1, pool, "hello", 1000, 1000, 1, 2, 3, 0, 0, 1, 1, 0, 0, 0, 0, 0, 100, 100, 0);
}
