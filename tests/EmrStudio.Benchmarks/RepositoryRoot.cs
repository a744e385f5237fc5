namespace EmrStudio.Benchmarks;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Infra.sln, found upwards from the current directory or, failing that, from this program.</summary>
    public static string Find()
    {
        foreach (var start in (ReadOnlySpan<string>)[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Infra.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (no Infra.sln found upwards).");
    }
}
