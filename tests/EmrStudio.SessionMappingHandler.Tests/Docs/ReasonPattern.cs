using System.Text;
using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>
/// How a row of the troubleshooting page says a Reason begins: literal text, with <c>&lt;...&gt;</c> standing for a
/// part that varies (<c>Create failed: CreateStudioSessionMapping for &lt;principal&gt; failed: &lt;error&gt;</c>).
/// Text after the pattern is allowed: a row names how a Reason begins, not all of it.
/// </summary>
/// <remarks>
/// Most placeholders stand for any text. Two kinds are narrower, so that a general row cannot swallow the Reasons of
/// a specific one: a list of words (<c>&lt;Create, Update or Delete&gt;</c>) stands for one of them, and
/// <c>&lt;exception type&gt;</c> for a type name ending in <c>Exception</c>.
/// </remarks>
internal sealed partial class ReasonPattern
{
    private readonly Regex _regex;

    public ReasonPattern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        var pattern = new StringBuilder(@"\A");
        var end = 0;
        foreach (Match placeholder in Placeholder().Matches(text))
        {
            var literal = text[end..placeholder.Index];
            LiteralLength += literal.Length;
            pattern.Append(Regex.Escape(literal)).Append(PlaceholderPattern(placeholder.Groups["name"].Value));
            end = placeholder.Index + placeholder.Length;
        }

        LiteralLength += text.Length - end;
        pattern.Append(Regex.Escape(text[end..]));
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern as the page writes it.</summary>
    public string Text { get; }

    /// <summary>How much of the pattern is fixed text: of two patterns a Reason matches, the one with more is the more specific.</summary>
    public int LiteralLength { get; }

    public bool Matches(string reason) => _regex.IsMatch(reason);

    public override string ToString() => Text;

    private static string PlaceholderPattern(string name)
    {
        if (name == "exception type")
        {
            return @"[A-Za-z0-9_.]*Exception";
        }

        var choices = Choices().Match(name);
        return choices.Success
            ? "(?:" + string.Join('|', choices.Groups["word"].Captures.Select(word => Regex.Escape(word.Value))) + ")"
            : "(?s:.+?)";
    }

    [GeneratedRegex("<(?<name>[^<>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary><c>A or B</c>, <c>A, B or C</c>: capitalised words, the last after "or".</summary>
    [GeneratedRegex(@"\A(?:(?<word>[A-Z][A-Za-z]*), )*(?<word>[A-Z][A-Za-z]*) or (?<word>[A-Z][A-Za-z]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Choices();
}
