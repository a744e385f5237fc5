using System.Security.Cryptography;
using System.Text;

namespace EmrStudio.Testing.Publishing;

/// <summary>
/// A hash of everything a publish of the handler is made from: its sources and project file, the repository-wide
/// props and the SDK pin, and whether the build is a CI build (which changes the binary). Two publishes with the same
/// fingerprint are interchangeable; any edit to an input gives another fingerprint.
/// </summary>
public static class HandlerFingerprint
{
    public const string HandlerFolder = "src/EmrStudio.SessionMappingHandler";

    private static readonly string[] RepositoryInputs =
    [
        "Directory.Build.props", "Directory.Packages.props", "global.json", "src/Directory.Build.props",
    ];

    public static string Compute(string repositoryRoot)
    {
        var handler = Path.Combine(repositoryRoot, HandlerFolder);
        var files = Directory.EnumerateFiles(handler, "*", SearchOption.AllDirectories)
            .Where(path => IsSource(Path.GetRelativePath(handler, path)))
            .Concat(RepositoryInputs.Select(name => Path.Combine(repositoryRoot, name)).Where(File.Exists))
            .Select(path => Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(repositoryRoot, relative))));
        }

        hash.AppendData(Encoding.UTF8.GetBytes("CI=" + Environment.GetEnvironmentVariable("CI")));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsSource(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is not ("bin" or "obj") && (relative.EndsWith(".cs", StringComparison.Ordinal) || relative.EndsWith(".csproj", StringComparison.Ordinal)
            || relative.EndsWith(".props", StringComparison.Ordinal) || relative.EndsWith(".targets", StringComparison.Ordinal)
            || relative.EndsWith(".json", StringComparison.Ordinal) || relative.EndsWith(".xml", StringComparison.Ordinal));
    }
}
