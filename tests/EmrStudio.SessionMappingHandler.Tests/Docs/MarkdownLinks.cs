using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>
/// The relative links of a Markdown page, and the anchors its headings get, as GitHub makes them: lower case, spaces
/// to hyphens, punctuation dropped, a repeated heading numbered. Fenced code is neither linked nor a heading.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>The links to files of the repository (<c>path</c>, <c>path#anchor</c>, <c>#anchor</c>), in order.</summary>
    public static IEnumerable<string> RelativeLinks(string markdown) =>
        Link().Matches(WithoutCode(markdown))
            .Select(match => match.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal));

    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCode(markdown)))
        {
            var slug = Punctuation().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');
            var anchor = slug;
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static string WithoutCode(string markdown) => Fence().Replace(markdown.ReplaceLineEndings("\n"), string.Empty);

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}_\- ]", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation();
}
