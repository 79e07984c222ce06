using Spectre.Console;

namespace BufferPool.LoadTests;

/// <summary>A Markdown pipe table (header, alignment row, rows) shown as a Spectre.Console table.</summary>
internal static class MarkdownTableView
{
    public static Table From(string markdown)
    {
        string[][] lines = [.. markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())];
        var table = new Table().Border(TableBorder.Rounded);
        if (lines.Length < 2)
        {
            return table;
        }

        for (int c = 0; c < lines[0].Length; c++)
        {
            var column = new TableColumn(Markup.Escape(lines[0][c]));
            table.AddColumn(lines[1].ElementAtOrDefault(c)?.EndsWith(':') == true ? column.RightAligned() : column);
        }

        foreach (string[] row in lines.Skip(2))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        return table;
    }
}
