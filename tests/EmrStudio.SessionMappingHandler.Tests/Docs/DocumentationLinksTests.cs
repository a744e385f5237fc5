using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>The user documentation is split into pages that link to each other: every such link must lead somewhere.</summary>
public sealed class DocumentationLinksTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "cdk/EmrStudio.Cdk/README.md");
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, page).Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void RelativeLinks_OfEachPage_LeadToAFileAndHeadingThatExist(string page)
    {
        var path = Path.Combine(Root, page);
        var broken = new List<string>();
        foreach (var link in MarkdownLinks.RelativeLinks(File.ReadAllText(path)))
        {
            var (file, anchor) = link.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? (link[..hash], link[(hash + 1)..]) : (link, null);
            var target = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{link}: no such file");
            }
            else if (anchor is not null && target.EndsWith(".md", StringComparison.Ordinal) && !MarkdownLinks.Anchors(File.ReadAllText(target)).Contains(anchor))
            {
                broken.Add($"{link}: no such heading");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void Anchors_Headings_AreMadeAsGitHubMakesThem()
    {
        const string Page = "# Title\n## What `<error>` says\n```\n# not a heading\n```\n## 1. Build the release zip\n## Title\n";

        Assert.Equal(["1-build-the-release-zip", "title", "title-1", "what-error-says"], MarkdownLinks.Anchors(Page).Order(StringComparer.Ordinal));
    }
}
