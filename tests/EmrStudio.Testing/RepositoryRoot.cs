namespace EmrStudio.Testing;

/// <summary>
/// The clone the tests and the benchmark run from: the folder holding Infra.sln, found upwards from the running
/// program or, failing that, from the current directory.
/// </summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Infra.sln";

    private static readonly Lazy<string> Found = new(() => Find());

    /// <summary>The repository of the running program, found once.</summary>
    public static string Path => Found.Value;

    public static string Find(string? start = null)
    {
        string[] starts = start is null ? [AppContext.BaseDirectory, Directory.GetCurrentDirectory()] : [start];
        foreach (var from in starts)
        {
            for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {string.Join(" or ", starts)}: run from inside the repository.");
    }

    /// <summary>A file of the repository, by its path from the root; throws when it is not there.</summary>
    public static string File(string relativePath)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"The repository {Path} holds no {relativePath}.", path);
    }
}
