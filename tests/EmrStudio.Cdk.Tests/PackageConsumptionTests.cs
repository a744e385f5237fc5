using System.IO.Compression;
using System.Xml.Linq;
using EmrStudio.Cdk.Tests.Packaging;
using EmrStudio.Testing;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The README's consumer steps, run as written (<see cref="ReadmeConsumerRun"/>): the package alone brings the
/// prebuilt, executable bootstrap of this run into the consumer's cloud assembly.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class PackageConsumptionTests(ReadmeConsumerRun run, ITestOutputHelper output) : IClassFixture<ReadmeConsumerRun>
{
    [Fact]
    public void ReadmeConsumerSteps_FromAFreshFolder_SynthesizeTheMappingAndItsHandler()
    {
        output.WriteLine(run.Output);

        var template = JObject.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(CloudAssembly(), "*.template.json"))));
        var resources = ((JObject)template["Resources"]!).Properties().Select(p => p.Value).ToList();
        Assert.Single(resources, r => (string?)r["Type"] == "Custom::EmrStudioSessionMapping");
        Assert.Single(resources, r => (string?)r["Type"] == "AWS::Lambda::Function");
    }

    [Fact]
    public void ReadmeConsumerSteps_HandlerAsset_IsThisRunsExecutableBootstrapAlone()
    {
        var outdir = CloudAssembly();
        var assets = JObject.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(outdir, "*.assets.json"))));
        var assetPath = (string)((JObject)assets["files"]!).Properties()
            .Select(p => p.Value["source"]!)
            .Single(source => (string?)source["packaging"] == "zip")["path"]!;
        var bootstrap = Path.Combine(outdir, assetPath, "bootstrap");

        Assert.True(File.Exists(bootstrap), $"the cloud assembly has no {assetPath}/bootstrap");
        Assert.Equal(["bootstrap"], Directory.GetFileSystemEntries(Path.Combine(outdir, assetPath)).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), "bootstrap is not executable");
        }

        Assert.Equal(File.ReadAllBytes(run.Bootstrap), File.ReadAllBytes(bootstrap));
    }

    [Fact]
    public void ReadmeConsumerSteps_Restore_ExtractsThePackageIntoTheConsumersOwnFolder()
    {
        Assert.True(
            File.Exists(Path.Combine(run.PackagesFolder, "emrstudio.cdk", run.Version, "buildTransitive", "emrstudio-handler", "bootstrap")),
            $"the package was not restored into {run.PackagesFolder}");
        Assert.False(Directory.Exists(Path.Combine(run.PackagesFolder, "amazon.cdk.lib")), "the CDK was restored again instead of read from the user's folder");
    }

    [Fact]
    public void Pack_Package_CarriesLicenseReadmeReleaseNotesAndTheBootstrap()
    {
        using var archive = ZipFile.OpenRead(run.Package);
        Assert.NotNull(archive.GetEntry("LICENSE"));
        Assert.NotNull(archive.GetEntry("README.md"));
        Assert.NotNull(archive.GetEntry("buildTransitive/emrstudio-handler/bootstrap"));
        using var nuspecStream = archive.GetEntry("EmrStudio.Cdk.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream).Root!;
        var ns = nuspec.Name.Namespace;
        var metadata = nuspec.Element(ns + "metadata")!;

        Assert.Equal(run.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        // The notes are the CHANGELOG's section of this version, from its first entry on.
        var changelog = File.ReadAllText(RepositoryRoot.File("CHANGELOG.md")).ReplaceLineEndings("\n");
        var section = changelog[(changelog.IndexOf($"\n## {run.Version}\n", StringComparison.Ordinal) + run.Version.Length + 5)..].TrimStart('\n');
        Assert.StartsWith(section[..section.IndexOf('\n', StringComparison.Ordinal)], metadata.Element(ns + "releaseNotes")?.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("## ", metadata.Element(ns + "releaseNotes")!.Value, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", metadata.Element(ns + "repository")?.Attribute("commit")?.Value);
    }

    /// <summary>The folder of the consumer's cloud assembly (where cdk synth wrote manifest.json).</summary>
    private string CloudAssembly() =>
        Path.GetDirectoryName(Assert.Single(Directory.GetFiles(run.WorkDirectory, "manifest.json", SearchOption.AllDirectories)))!;
}
