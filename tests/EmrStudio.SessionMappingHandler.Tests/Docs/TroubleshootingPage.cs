using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>
/// The Reasons that <c>docs/troubleshooting.md</c> explains, read from its reason tables: every table that follows a
/// <see cref="TableMarker"/> line, one Reason per row, the row's first cell being the Reason's beginning in backticks.
/// </summary>
internal static partial class TroubleshootingPage
{
    public const string RelativePath = "docs/troubleshooting.md";
    public const string TableMarker = "<!-- reason-table -->";

    public static IReadOnlyList<ReasonPattern> ReadReasonPatterns(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var patterns = new List<ReasonPattern>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var tables = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != TableMarker)
            {
                continue;
            }

            tables++;
            var row = i + 1;
            while (row < lines.Length && lines[row].Trim().Length == 0)
            {
                row++;
            }

            // The header and its separator line, then the rows, up to the first line that is not part of the table.
            var first = row + 2;
            for (row = first; row < lines.Length && lines[row].TrimStart().StartsWith('|'); row++)
            {
                var cell = FirstCell().Match(lines[row]);
                patterns.Add(cell.Success
                    ? new ReasonPattern(cell.Groups["pattern"].Value)
                    : throw new FormatException($"{RelativePath}, line {row + 1}: a reason row must begin with the Reason's beginning in backticks: {lines[row]}"));
            }

            if (row == first)
            {
                throw new FormatException($"{RelativePath}, line {i + 1}: {TableMarker} is not followed by a table with rows.");
            }
        }

        return tables > 0 ? patterns : throw new FormatException($"{RelativePath} has no {TableMarker} table.");
    }

    [GeneratedRegex(@"\A\s*\|\s*`(?<pattern>[^`]+)`\s*\|", RegexOptions.CultureInvariant)]
    private static partial Regex FirstCell();
}
