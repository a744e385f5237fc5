using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Tests.Architecture;

/// <summary>
/// The handler's layers as CONTRIBUTING.md states them: the sentence "The order, from the bottom: ...", whose
/// groups are separated by semicolons. Folders of one group are peers; sub-folders in parentheses or after "then" are
/// ordered inside their top-level folder, which is what this reading keeps.
/// </summary>
internal sealed partial class DocumentedLayers
{
    private const string Opening = "The order, from the bottom:";

    private readonly Dictionary<string, int> _levels;

    private DocumentedLayers(Dictionary<string, int> levels) => _levels = levels;

    public IEnumerable<string> Folders => _levels.Keys;

    public static DocumentedLayers Parse(string contributing)
    {
        var start = contributing.IndexOf(Opening, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"CONTRIBUTING.md no longer says \"{Opening}\"; the layering test reads the order from there.");
        }

        var end = contributing.IndexOf(". ", start, StringComparison.Ordinal);
        var sentence = Parenthesised().Replace(contributing[(start + Opening.Length)..end].ReplaceLineEndings(" "), string.Empty);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = sentence.Split(';');
        for (var level = 0; level < groups.Length; level++)
        {
            foreach (Match name in Quoted().Matches(groups[level]))
            {
                levels.TryAdd(name.Groups["name"].Value.Split('/')[0], level);
            }
        }

        return new DocumentedLayers(levels);
    }

    public bool Knows(string folder) => _levels.ContainsKey(folder);

    /// <summary>Whether <paramref name="from"/> may reference <paramref name="to"/>: only a folder of a lower layer.</summary>
    public bool Allows(string from, string to) => _levels[to] < _levels[from];

    public int LevelOf(string folder) => _levels[folder];

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"`(?<name>[A-Za-z/]+)`")]
    private static partial Regex Quoted();
}
