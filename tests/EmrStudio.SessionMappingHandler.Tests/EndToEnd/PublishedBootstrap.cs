using System.Diagnostics;
using System.Text;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>
/// Publishes the handler once per test run as a release does (<c>dotnet publish -c Release</c>, Native AOT), after a
/// full Release build, into <c>artifacts/test-handler</c>, and keeps the output for the checks on it. Tests that need the
/// executable share this through <see cref="PublishedBootstrapCollection"/>.
/// </summary>
public sealed class PublishedBootstrap
{
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

    public PublishedBootstrap()
    {
        RepositoryRoot = Testing.Scenarios.RepositoryRoot.Find();
        OutputDirectory = Path.Combine(RepositoryRoot, "artifacts", "test-handler");
        BuildDirectory = Path.Combine(RepositoryRoot, "artifacts", "test-handler-build");
        Executable = Path.Combine(OutputDirectory, "bootstrap");
        (ExitCode, Output) = Publish();
    }

    public string RepositoryRoot { get; }

    public string OutputDirectory { get; }

    /// <summary>
    /// The build's own intermediate and output tree. The construct tests pack the handler (publishing it when stale)
    /// in the same test run, possibly at the same moment: in the project's default obj/ folder two compilers would
    /// write the same files.
    /// </summary>
    public string BuildDirectory { get; }

    public string Executable { get; }

    public int ExitCode { get; }

    /// <summary>Everything the build and the publish printed, stdout and stderr.</summary>
    public string Output { get; }

    public bool Succeeded => ExitCode == 0 && File.Exists(Executable);

    /// <summary>Fails the calling test with the publish output when there is nothing to run.</summary>
    public string RequireExecutable() =>
        Succeeded ? Executable : throw new InvalidOperationException($"dotnet publish failed (exit {ExitCode}):\n{Output}");

    private (int ExitCode, string Output) Publish()
    {
        var project = Path.Combine(RepositoryRoot, "src", "EmrStudio.SessionMappingHandler");

        // A stale file left by an earlier publish must not pass for part of this one.
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        // An up-to-date publish skips the compilers and so prints none of their warnings. A build without
        // incrementality recompiles, and the publish after it then reruns the Native AOT compiler on the fresh assembly,
        // so both compilers speak every run. (dotnet publish itself has no --no-incremental.)
        var (buildExit, buildOutput) = RunDotnet(["build", project, "-c", "Release", "--artifacts-path", BuildDirectory, "--no-incremental", "-nologo", "-v", "minimal", "-clp:NoSummary"]);
        if (buildExit != 0)
        {
            return (buildExit, buildOutput);
        }

        var (publishExit, publishOutput) = RunDotnet(["publish", project, "-c", "Release", "--artifacts-path", BuildDirectory, "-o", OutputDirectory, "--no-build", "-nologo", "-v", "minimal", "-clp:NoSummary"]);
        return (publishExit, buildOutput + publishOutput);
    }

    private (int ExitCode, string Output) RunDotnet(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Telemetry and first-run banners are not build output.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's own MSBuild settings must not steer a child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        var output = new StringBuilder();
        var gate = new Lock();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"dotnet {arguments[0]} did not finish within {PublishTimeout}.\n{output}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    output.Append(line).Append('\n');
                }
            }
        }
    }
}
