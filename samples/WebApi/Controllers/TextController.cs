using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace WebApi.Controllers;

/// <summary>
/// A large text result through MVC's response writer: <see cref="ContentResult"/> is written by an
/// <c>HttpResponseStreamWriter</c>, which rents its char and byte buffers from the <c>ArrayPool&lt;char&gt;</c> and
/// <c>ArrayPool&lt;byte&gt;</c> in the container (BufferPool's array pools when a pool kind other than default is set).
/// </summary>
[ApiController]
[Route("text")]
public sealed class TextController : ControllerBase
{
    /// <summary>The longest text one request returns, in characters.</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    // The texts of a few lengths are kept, so that what a repeated request (the load runner's) costs is MVC's writing,
    // not building the text; a bounded number of them, so that asking for many lengths cannot fill the memory.
    private const int CachedLengths = 8;
    private static readonly ConcurrentDictionary<long, string> Texts = new();

    /// <summary>Returns <paramref name="n"/> characters, 0 to <see cref="MaxLength"/>: char i is <c>'a' + i % 26</c>; 400 otherwise.</summary>
    /// <remarks>A <c>long</c> route value, so that a number past <see cref="int.MaxValue"/> is a 400 too, not a 404.</remarks>
    [HttpGet("{n:long}")]
    public IActionResult Get(long n)
    {
        if (n is < 0 or > MaxLength)
        {
            return BadRequest($"n must be between 0 and {MaxLength}.");
        }

        if (!Texts.TryGetValue(n, out string? text))
        {
            text = Build((int)n);
            if (Texts.Count < CachedLengths)
            {
                Texts.TryAdd(n, text);
            }
        }

        return Content(text, "text/plain; charset=utf-8");
    }

    private static string Build(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + i % 26);
        }
    });
}
