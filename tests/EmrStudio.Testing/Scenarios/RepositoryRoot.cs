namespace EmrStudio.Testing.Scenarios;

/// <summary>Finds the repository the tests run from, by walking up to the solution file.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Infra.sln";

    public static string Find(string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {start ?? AppContext.BaseDirectory}.");
    }
}
