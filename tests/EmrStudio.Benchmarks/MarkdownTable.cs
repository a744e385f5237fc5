using System.Text;

namespace EmrStudio.Benchmarks;

/// <summary>A table in Markdown, padded for the terminal: the first column left-aligned, the others right-aligned.</summary>
internal static class MarkdownTable
{
    public static string Format(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var table = new StringBuilder();
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            table.Append("| ").AppendJoin(" | ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).AppendLine(" |");
            if (index == 0)
            {
                table.Append('|').AppendJoin('|', widths.Select((width, column) => new string('-', width + 1) + (column == 0 ? "-" : ":"))).AppendLine("|");
            }
        }

        return table.ToString();
    }
}
