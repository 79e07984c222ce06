using Microsoft.AspNetCore.Mvc;

namespace WebApi.Controllers;

/// <summary>An MVC controller: its JSON output goes through MVC's response writer and ArrayPools.</summary>
[ApiController]
[Route("json")]
public sealed class RecordsController : ControllerBase
{
    /// <summary>One row of the generated data.</summary>
    public sealed record Item(int Id, string Name, double Price, DateTimeOffset Created, string[] Tags);

    /// <summary>The most records one request returns.</summary>
    public const int MaxRecords = 100_000;

    /// <summary>Returns <paramref name="n"/> generated records, 0 to <see cref="MaxRecords"/>; 400 otherwise.</summary>
    /// <remarks>A <c>long</c> route value, so that a number past <see cref="int.MaxValue"/> is a 400 too, not a 404.</remarks>
    [HttpGet("{n:long}")]
    public ActionResult<IEnumerable<Item>> Get(long n)
    {
        if (n is < 0 or > MaxRecords)
        {
            return BadRequest($"n must be between 0 and {MaxRecords}.");
        }

        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Ok(Enumerable.Range(0, (int)n).Select(i => new Item(i, $"item-{i}", i * 1.25, epoch.AddMinutes(i), ["a", "b", i % 2 == 0 ? "even" : "odd"])));
    }
}
