using System.Buffers;
using BufferPool.Tests.Contracts;

namespace BufferPool.Tests.Diagnostics;

/// <summary>Diagnostics mode keeps the whole MemoryPool contract.</summary>
public sealed class SmallBlockDiagnosticsModeContractTests : GuardedMemoryPoolContractTests
{
    protected override bool AllocatesPerRent => true;

    protected override MemoryPool<byte> CreatePool() => new SmallBlockMemoryPool(new SmallBlockPoolOptions { DiagnosticsMode = true });
}

/// <inheritdoc cref="SmallBlockDiagnosticsModeContractTests"/>
public sealed class BitmapDiagnosticsModeContractTests : GuardedMemoryPoolContractTests
{
    protected override bool AllocatesPerRent => true;

    protected override MemoryPool<byte> CreatePool() => new BitmapMemoryPool(new BitmapPoolOptions { DiagnosticsMode = true });
}
