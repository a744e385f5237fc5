using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using EmrStudio.Cdk.Tests.Packaging;
using EmrStudio.Testing;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Runs the README's consumer steps as the README writes them, from a fresh folder outside the repository: pack the
/// library into the local folder feed, create an app that consumes it through a nuget.config, synthesize it with the
/// CDK CLI. The package alone must bring the prebuilt, executable bootstrap.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private static readonly TimeSpan StepsTimeout = TimeSpan.FromMinutes(12);

    // Variables of the test host's own build that would redirect a child dotnet, and the tests' asset override.
    private static readonly string[] InheritedVariables =
    [
        "EMRSTUDIO_HANDLER_ASSET", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "VSTEST_HOST_DEBUG", "DOTNET_HOST_PATH",
    ];

    private readonly string _work = Directory.CreateTempSubdirectory("emrstudio-consume-").FullName;
    private readonly string _repository = RepositoryRoot.Path;

    public void Dispose()
    {
        TryDelete(_work);
        TryDelete(CachedPackage(ReadmeConsumerSteps.Version(Readme)));
    }

    private string Readme => File.ReadAllText(Path.Combine(_repository, "README.md"));

    [Fact]
    public void ReadmeConsumerVersion_Always_IsThePackagesVersionWithReleaseNotes()
    {
        var version = PackageVersion();

        Assert.Equal(version, ReadmeConsumerSteps.Version(Readme));
        Assert.Contains($"\n## {version}\n", File.ReadAllText(Path.Combine(_repository, "CHANGELOG.md")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeConsumerSteps_FromAFreshFolder_SynthesizeWithTheExecutableBootstrap()
    {
        var version = ReadmeConsumerSteps.Version(Readme);
        // NuGet extracts a version once: a copy from an earlier pack of the same version would hide this one.
        TryDelete(CachedPackage(version));
        var script = Path.Combine(_work, "consumer-steps.sh");
        File.WriteAllText(script, ReadmeConsumerSteps.Script(Readme, _repository));

        Run(_work, "bash", script);

        var manifest = Assert.Single(Directory.GetFiles(_work, "manifest.json", SearchOption.AllDirectories));
        var outdir = Path.GetDirectoryName(manifest)!;
        var template = JObject.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(outdir, "*.template.json"))));
        var resources = ((JObject)template["Resources"]!).Properties().Select(p => p.Value).ToList();
        Assert.Single(resources, r => (string?)r["Type"] == "Custom::EmrStudioSessionMapping");
        Assert.Single(resources, r => (string?)r["Type"] == "AWS::Lambda::Function");
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

        Assert.Equal(File.ReadAllBytes(Path.Combine(_repository, "artifacts", "handler", "bootstrap")), File.ReadAllBytes(bootstrap));
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], File.ReadAllBytes(bootstrap).Take(4));
        AssertPackageMetadata(Path.Combine(_repository, "artifacts", "packages", $"EmrStudio.Cdk.{version}.nupkg"), version);
    }

    private void AssertPackageMetadata(string package, string version)
    {
        using var archive = ZipFile.OpenRead(package);
        Assert.NotNull(archive.GetEntry("LICENSE"));
        Assert.NotNull(archive.GetEntry("README.md"));
        Assert.NotNull(archive.GetEntry("buildTransitive/emrstudio-handler/bootstrap"));
        using var nuspecStream = archive.GetEntry("EmrStudio.Cdk.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream).Root!;
        var ns = nuspec.Name.Namespace;
        var metadata = nuspec.Element(ns + "metadata")!;

        Assert.Equal(version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.StartsWith("- `StudioSessionMapping`", metadata.Element(ns + "releaseNotes")?.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("## ", metadata.Element(ns + "releaseNotes")!.Value, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", metadata.Element(ns + "repository")?.Attribute("commit")?.Value);
    }

    private string PackageVersion() =>
        XDocument.Load(Path.Combine(_repository, "cdk", "EmrStudio.Cdk", "EmrStudio.Cdk.csproj")).Descendants("VersionPrefix").Single().Value;

    private static string CachedPackage(string version) =>
        Path.Combine(
            System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "emrstudio.cdk",
            version);

    private static void Run(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepsTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {StepsTimeout}:\n{output}");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
