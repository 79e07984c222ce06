using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BufferPool.Sockets;

/// <summary>Where a <see cref="BufferPoolSocketServer"/> listens. Validated when the host starts, and when the server starts.</summary>
public sealed class BufferPoolSocketServerOptions : IValidatableObject
{
    /// <summary>The IP address to listen on (default <c>127.0.0.1</c>).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port, 0 to 65535; 0 picks a free port, which <see cref="BufferPoolSocketServer.EndPoint"/> reports.</summary>
    public int Port { get; set; }

    /// <summary>The listen backlog, 1 to 65535 (default 512).</summary>
    public int ListenBacklog { get; set; } = 512;

    /// <summary>Every setting that is out of range; each result names it.</summary>
    /// <param name="validationContext">Not used.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult($"{nameof(Address)} must be an IP address; it was '{Address}'.", [nameof(Address)]);
        }

        if (Port is < 0 or > 65535)
        {
            yield return new ValidationResult($"{nameof(Port)} must be between 0 and 65535; it was {Port}.", [nameof(Port)]);
        }

        if (ListenBacklog is < 1 or > 65535)
        {
            yield return new ValidationResult($"{nameof(ListenBacklog)} must be between 1 and 65535; it was {ListenBacklog}.", [nameof(ListenBacklog)]);
        }
    }
}
