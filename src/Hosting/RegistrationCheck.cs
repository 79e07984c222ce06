namespace BufferPool.Hosting;

/// <summary>
/// An options type with no settings, validated on start, whose validation checks that Kestrel will get BufferPool's
/// <c>IMemoryPoolFactory&lt;byte&gt;</c>. Options validation runs when the host starts, before any server binds.
/// </summary>
internal sealed class RegistrationCheck;
