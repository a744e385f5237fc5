using System.Xml.Linq;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.Cdk.Tests.Packaging;

/// <summary>The README's consumer steps add the version the library packs, and CHANGELOG.md has its release notes.</summary>
public sealed class ReadmeConsumerVersionTests
{
    [Fact]
    public void ReadmeConsumerVersion_Always_IsThePackagesVersionWithReleaseNotes()
    {
        var version = XDocument.Load(RepositoryRoot.File("cdk/EmrStudio.Cdk/EmrStudio.Cdk.csproj")).Descendants("VersionPrefix").Single().Value;

        Assert.Equal(version, ReadmeConsumerSteps.Version(File.ReadAllText(RepositoryRoot.File("README.md"))));
        Assert.Contains($"\n## {version}\n", File.ReadAllText(RepositoryRoot.File("CHANGELOG.md")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
