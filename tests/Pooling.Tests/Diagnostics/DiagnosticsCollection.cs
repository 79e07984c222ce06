namespace BufferPool.Tests.Diagnostics;

/// <summary>
/// The EventSource's counters sum over every pool in the process, so the tests that read them run alone: a delta they
/// see is the one they caused. (The Meter measures only the pools it is given, so its tests need no such care.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DiagnosticsCollection
{
    public const string Name = "Diagnostics";
}
