using System.Text;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Publishing;

namespace EmrStudio.CodePublisher.Reporting;

/// <summary>One row per region, in the order the regions were given, with a column per step.</summary>
internal static class SummaryTable
{
    private static readonly string[] Headings = ["REGION", "BUCKET", "STATE", "SETTINGS", "CODE", "RESULT"];

    public static string Render(IReadOnlyList<RegionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<string[]> { Headings };
        rows.AddRange(results.Select(Row));
        var widths = Enumerable.Range(0, Headings.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin("  ", row.Select((cell, column) => cell.PadRight(widths[column])));
            TrimEnd(text);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static string[] Row(RegionResult result) =>
    [
        result.Region,
        result.Bucket,
        result.BucketState switch
        {
            BucketState.Created => "created",
            BucketState.Found => "found",
            _ => "-",
        },
        Settings(result),
        result.Code switch
        {
            null => "-",
            { Action: CodeAction.AlreadyThere } => "already there",
            { Action: CodeAction.Replaced } code => $"replaced, {ProgressText.Bytes(code.UploadedBytes)}",
            var code => $"uploaded {ProgressText.Bytes(code.UploadedBytes)}",
        },
        result.Failure is { } failure ? $"FAILED at {failure.Step}" : "ok",
    ];

    private static string Settings(RegionResult result)
    {
        if (result.Settings.Count == 0 || result.BucketState is not { } bucket)
        {
            return "-";
        }

        return string.Join(", ", result.Settings
            .GroupBy(setting => ProgressText.SettingVerb(setting, bucket))
            .OrderBy(group => group.Key == "verified" ? 1 : 0)
            .Select(group => $"{group.Count()} {group.Key}"));
    }

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }
}
