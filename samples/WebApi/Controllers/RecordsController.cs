using Microsoft.AspNetCore.Mvc;

namespace WebApi.Controllers;

/// <summary>An MVC controller: its JSON output goes through MVC's response writer and ArrayPools.</summary>
[ApiController]
[Route("json")]
public sealed class RecordsController : ControllerBase
{
    /// <summary>One row of the generated data.</summary>
    public sealed record Item(int Id, string Name, double Price, DateTimeOffset Created, string[] Tags);

    /// <summary>Returns <paramref name="n"/> generated records, 0 to 100,000.</summary>
    [HttpGet("{n:int}")]
    public ActionResult<IEnumerable<Item>> Get(int n)
    {
        if (n is < 0 or > 100_000)
        {
            return BadRequest("n must be between 0 and 100000.");
        }

        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Ok(Enumerable.Range(0, n).Select(i => new Item(i, $"item-{i}", i * 1.25, epoch.AddMinutes(i), ["a", "b", i % 2 == 0 ? "even" : "odd"])));
    }
}
