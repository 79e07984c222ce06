using BufferPool.LoadTests;

// Drives samples/WebApi with real HTTP load once per pool kind, in interleaved rounds, and writes results.csv,
// report.md and charts; --resp drives samples/RespServer with redis-benchmark instead. --help lists the options.
// Logs (CI) get the whole table on one line per row, rather than 80 columns of wrapped cells.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 240;
}

return await CommandLine.Create(HttpRunner.RunAsync, RespRunner.RunAsync).Parse(args).InvokeAsync();
