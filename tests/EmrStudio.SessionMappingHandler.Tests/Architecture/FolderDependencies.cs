using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Tests.Architecture;

/// <summary>
/// Which top-level folders of the handler's source name which others, read from the source text: a <c>using</c> of
/// another folder's namespace, or a name qualified with it. Reading the text rather than the compiled code keeps the
/// check free of a compiler dependency; it sees every reference, since a folder's namespace is never in scope
/// elsewhere without one of the two.
/// </summary>
internal sealed partial class FolderDependencies
{
    public const string RootNamespace = "EmrStudio.SessionMappingHandler";

    private FolderDependencies(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> edges) => Edges = edges;

    /// <summary>For each folder, the folders it references, each with one file that does so (for the failure message).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Edges { get; }

    public IEnumerable<string> Folders => Edges.Keys;

    public static FolderDependencies Read(string sourceDirectory)
    {
        var folders = Directory.GetDirectories(sourceDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        var edges = folders.ToDictionary(folder => folder, _ => new SortedDictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(sourceDirectory, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = NamespaceDeclaration().Replace(File.ReadAllText(file), string.Empty);
                foreach (Match reference in QualifiedName().Matches(text))
                {
                    var target = reference.Groups["folder"].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        edges[folder].TryAdd(target, Path.GetRelativePath(sourceDirectory, file).Replace('\\', '/'));
                    }
                }
            }
        }

        return new FolderDependencies(edges.ToDictionary(
            pair => pair.Key, pair => (IReadOnlyDictionary<string, string>)pair.Value, StringComparer.Ordinal));
    }

    /// <summary>One cycle of folders (first folder repeated at the end), or null when the graph has none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path; true: done
        var path = new List<string>();
        foreach (var start in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private List<string>? Visit(string folder, Dictionary<string, bool> state, List<string> path)
    {
        if (state.TryGetValue(folder, out var done))
        {
            return done ? null : [.. path.Skip(path.IndexOf(folder)), folder];
        }

        state[folder] = false;
        path.Add(folder);
        foreach (var next in Edges[folder].Keys)
        {
            if (Visit(next, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[folder] = true;
        return null;
    }

    [GeneratedRegex(@"^\s*namespace\s+[\w.]+\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bEmrStudio\.SessionMappingHandler\.(?<folder>[A-Za-z]+)\b")]
    private static partial Regex QualifiedName();
}
