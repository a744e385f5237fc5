using System.Diagnostics;
using System.Text;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Reporting;
using EmrStudio.Testing.Tools;
using Xunit.Abstractions;

namespace EmrStudio.Cdk.Tests.Packaging;

/// <summary>
/// The README's consumer steps, run once as the README writes them for the tests that check their result: from a fresh
/// folder outside the repository, pack the library into the local folder feed, create an app that consumes it through
/// a nuget.config, synthesize it with the CDK CLI. The pack takes the test run's one publish of the handler
/// (artifacts/handler). The consumer restores into a packages folder of its own, reading the user's as a fallback
/// only: no step writes the user's NuGet folders, and the version packed now is the one restored.
/// </summary>
public sealed class ReadmeConsumerRun : IDisposable
{
    private static readonly TimeSpan StepsTimeout = TimeSpan.FromMinutes(12);

    // Variables of the test host's own build that would redirect a child dotnet, and the tests' asset override.
    private static readonly string[] InheritedVariables =
    [
        "EMRSTUDIO_HANDLER_ASSET", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "VSTEST_HOST_DEBUG", "DOTNET_HOST_PATH",
    ];

    public ReadmeConsumerRun(IMessageSink sink)
    {
        RequiredTool.Dotnet.Require();
        RequiredTool.Npm.Require();
        Bootstrap = new PublishedBootstrap(sink).RequireExecutable();
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        Version = ReadmeConsumerSteps.Version(readme);
        WorkDirectory = Directory.CreateTempSubdirectory("emrstudio-consume-").FullName;
        PackagesFolder = Path.Combine(WorkDirectory, "nuget-packages");
        var consumerEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = PackagesFolder,
            ["NUGET_FALLBACK_PACKAGES"] = UsersPackagesFolder,
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(WorkDirectory, "nuget-http-cache"),
        };
        var script = Path.Combine(WorkDirectory, "consumer-steps.sh");
        File.WriteAllText(script, ReadmeConsumerSteps.Script(readme, RepositoryRoot.Path, consumerEnvironment));

        using var progress = StepProgress.Start(sink, "Running the README's consumer steps (dotnet pack, a new app, dotnet add package, cdk synth)");
        Output = Run(WorkDirectory, script, progress);
    }

    /// <summary>The test run's published handler, which the package must carry.</summary>
    public string Bootstrap { get; }

    /// <summary>The version the README's steps pack and add.</summary>
    public string Version { get; }

    /// <summary>The fresh folder the steps ran in (the app is in a folder below it).</summary>
    public string WorkDirectory { get; }

    /// <summary>The consumer's own NuGet packages folder.</summary>
    public string PackagesFolder { get; }

    /// <summary>Everything the steps printed, each command traced with the seconds since the start.</summary>
    public string Output { get; }

    /// <summary>The package the steps packed.</summary>
    public string Package => Path.Combine(RepositoryRoot.Path, "artifacts", "packages", $"EmrStudio.Cdk.{Version}.nupkg");

    /// <summary>The user's NuGet packages folder, which the consumer reads packages from and never writes.</summary>
    public static string UsersPackagesFolder =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Run(string workingDirectory, string script, StepProgress progress)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var name in InheritedVariables)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // npx's download of the CDK CLI is cached in the repository's artifacts, not in the user's home.
        start.Environment["npm_config_cache"] = Path.Combine(RepositoryRoot.Path, "artifacts", "npm-cache");
        start.Environment["npm_config_update_notifier"] = "false";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepsTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The README's consumer steps did not finish within {StepsTimeout}:\n{Snapshot()}");
        }

        process.WaitForExit();
        return process.ExitCode == 0
            ? Snapshot()
            : throw new InvalidOperationException($"The README's consumer steps failed (exit {process.ExitCode}):\n{Snapshot()}");

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (line.StartsWith('+'))
            {
                progress.Saw(line);
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
