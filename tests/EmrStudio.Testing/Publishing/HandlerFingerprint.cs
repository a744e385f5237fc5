using System.Security.Cryptography;
using System.Text;

namespace EmrStudio.Testing.Publishing;

/// <summary>
/// A hash of everything a publish of the handler is made from: its sources and project file, the repository-wide
/// props and the SDK pin, and whether the build is a CI build (which changes the binary). Two publishes with the same
/// fingerprint are interchangeable; any edit to an input gives another fingerprint. The inputs are those that
/// cdk/HandlerPublish.targets compares timestamps with (EmrStudioHandlerInput), file for file.
/// </summary>
public static class HandlerFingerprint
{
    public const string HandlerFolder = "src/EmrStudio.SessionMappingHandler";

    private static readonly string[] RepositoryInputs =
    [
        "Directory.Build.props", "Directory.Packages.props", "global.json", "src/Directory.Build.props",
    ];

    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets", ".json", ".xml"];

    /// <summary>The inputs, as paths from the repository root with forward slashes, in ordinal order.</summary>
    public static IReadOnlyList<string> Inputs(string repositoryRoot)
    {
        var handler = Path.Combine(repositoryRoot, HandlerFolder);
        return [.. Directory.EnumerateFiles(handler, "*", SearchOption.AllDirectories)
            .Where(path => IsSource(Path.GetRelativePath(handler, path)))
            .Concat(RepositoryInputs.Select(name => Path.Combine(repositoryRoot, name)).Where(File.Exists))
            .Select(path => Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    public static string Compute(string repositoryRoot, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in inputs)
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
        return first is not ("bin" or "obj") && SourceExtensions.Any(extension => relative.EndsWith(extension, StringComparison.Ordinal));
    }
}
