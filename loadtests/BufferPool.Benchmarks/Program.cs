using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BufferPool.Benchmarks;

// `--factory-loop small-block|bitmap` only runs the factory path for the JIT's disassembly (see FactoryLoop).
if (args is ["--factory-loop", string kind])
{
    await FactoryLoop.RunAsync(kind);
    return;
}

// `--process-probe small-block|bitmap` times the factory path and ArrayPool<byte>.Shared on the main thread and on other
// threads of one process (see ProcessVarianceProbe).
if (args is ["--process-probe", string probeKind])
{
    await ProcessVarianceProbe.RunAsync(probeKind);
    return;
}

// `--stack-probe small-block|bitmap` times both with the measuring frame at 256 places modulo 4 KiB (see StackOffsetProbe).
if (args is ["--stack-probe", string stackKind])
{
    await StackOffsetProbe.RunAsync(stackKind);
    return;
}

// One launch, enough iterations for a stable median on a shared 2-core machine. Compare the Ratio column,
// which is measured side by side in one run; the absolute times move with whatever else the machine does.
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
