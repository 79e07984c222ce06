namespace BufferPool.Tests.Diagnostics;

/// <summary>
/// Counters and meters sum over every live pool in the process, so these tests run alone: a delta they see is the one
/// they caused.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DiagnosticsCollection
{
    public const string Name = "Diagnostics";
}
