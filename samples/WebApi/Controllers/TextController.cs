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
    private const int MaxLength = 4 * 1024 * 1024;

    // The same string for the same length, so that what a request costs is MVC's writing, not building the text.
    private static readonly ConcurrentDictionary<int, string> Texts = new();

    /// <summary>Returns <paramref name="n"/> characters, 0 to 4 Mi: char i is <c>'a' + i % 26</c>.</summary>
    [HttpGet("{n:int}")]
    public IActionResult Get(int n)
    {
        if (n is < 0 or > MaxLength)
        {
            return BadRequest($"n must be between 0 and {MaxLength}.");
        }

        string text = Texts.GetOrAdd(n, static length => string.Create(length, 0, static (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + i % 26);
            }
        }));
        return Content(text, "text/plain; charset=utf-8");
    }
}
