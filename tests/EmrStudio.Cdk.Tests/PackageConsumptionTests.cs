using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Packs the construct library, consumes the package from a local folder feed in a throwaway app outside the
/// repository, and synthesizes it: the package alone must bring the prebuilt bootstrap.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    // Variables of the test host's own build that would redirect a child dotnet, and the tests' asset override.
    private static readonly string[] InheritedVariables =
    [
        "EMRSTUDIO_HANDLER_ASSET", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "VSTEST_HOST_DEBUG", "DOTNET_HOST_PATH",
    ];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "emrstudio-consume-" + Guid.NewGuid().ToString("N"));
    private readonly string _version = "0.0.0-consume." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        TryDelete(_work);
        var packages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(packages, "emrstudio.cdk", _version));
    }

    [Fact]
    public void Pack_ConsumedFromLocalFeed_SynthesizesWithExecutableBootstrap()
    {
        var repo = FindRepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_work, "app")).FullName;
        var outdir = Path.Combine(_work, "cdk.out");

        Run(repo, "pack", Path.Combine(repo, "cdk", "EmrStudio.Cdk", "EmrStudio.Cdk.csproj"), "-c", "Release", "-o", feed, $"-p:PackageVersion={_version}", "-nologo");
        Assert.True(File.Exists(Path.Combine(feed, $"EmrStudio.Cdk.{_version}.nupkg")));

        File.Copy(Path.Combine(repo, "global.json"), Path.Combine(_work, "global.json"));
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EmrStudio.Cdk" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Amazon.CDK;
            using EmrStudio.Cdk;

            var app = new App(new AppProps { Outdir = args[0] });
            var stack = new Stack(app, "Consumer");
            _ = new StudioSessionMapping(stack, "DataScientists", new StudioSessionMappingProps
            {
                StudioId = "es-0123456789ABCDEFGHIJKLMNO",
                Identity = StudioIdentity.Group("data-scientists"),
                SessionPolicy = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist",
            });
            app.Synth();
            """);

        Run(_work, "run", "--project", app, "--", outdir);

        var template = JObject.Parse(File.ReadAllText(Path.Combine(outdir, "Consumer.template.json")));
        var resources = ((JObject)template["Resources"]!).Properties().Select(p => p.Value).ToList();
        Assert.Single(resources, r => (string?)r["Type"] == "Custom::EmrStudioSessionMapping");
        Assert.Single(resources, r => (string?)r["Type"] == "AWS::Lambda::Function");
        var assets = JObject.Parse(File.ReadAllText(Path.Combine(outdir, "Consumer.assets.json")));
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

        Assert.Equal(File.ReadAllBytes(Path.Combine(repo, "artifacts", "handler", "bootstrap")), File.ReadAllBytes(bootstrap));
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], File.ReadAllBytes(bootstrap).Take(4));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Infra.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Infra.sln not found above " + AppContext.BaseDirectory);
    }

    private static void Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
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
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {StepTimeout}:\n{output}");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
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
