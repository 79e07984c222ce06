using Microsoft.Extensions.Options;

namespace BufferPool.Hosting;

// The options source generator's validators: each runs its options class's IValidatableObject checks (the same ones a
// pool runs when it is built without DI) through generated code, with no reflection, and names every failing setting.

/// <summary>Validates <see cref="SmallBlockPoolOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SmallBlockPoolOptionsValidator : IValidateOptions<SmallBlockPoolOptions>;

/// <summary>Validates <see cref="BitmapPoolOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class BitmapPoolOptionsValidator : IValidateOptions<BitmapPoolOptions>;

/// <summary>Validates <see cref="SmallBlockArrayPoolOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SmallBlockArrayPoolOptionsValidator : IValidateOptions<SmallBlockArrayPoolOptions>;

/// <summary>Validates <see cref="FreeListArrayPoolOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class FreeListArrayPoolOptionsValidator : IValidateOptions<FreeListArrayPoolOptions>;

/// <summary>Validates <see cref="BufferPoolTrimmingOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class BufferPoolTrimmingOptionsValidator : IValidateOptions<BufferPoolTrimmingOptions>;

/// <summary>Validates <see cref="BufferPoolHealthCheckOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class BufferPoolHealthCheckOptionsValidator : IValidateOptions<BufferPoolHealthCheckOptions>;
