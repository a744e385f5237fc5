namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// An Amazon Resource Name split into its parts: <c>arn:&lt;partition&gt;:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;resource&gt;</c>.
/// Only the shape is checked here; what a part must be is for the caller to say.
/// </summary>
internal sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The ARN's parts, or null when <paramref name="text"/> does not have six colon-separated parts starting with <c>arn</c>.</summary>
    public static Arn? TryParse(string? text)
    {
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Split(':', 6);
        return parts.Length == 6 ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    /// <summary>True for a 12-digit AWS account id.</summary>
    public static bool IsAccountId(string text) => text.Length == 12 && text.All(char.IsAsciiDigit);

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
