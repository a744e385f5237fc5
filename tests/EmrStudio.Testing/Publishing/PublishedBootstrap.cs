using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EmrStudio.Testing.Publishing;

/// <summary>
/// Publishes the handler as a release does (<c>dotnet publish -c Release</c>, Native AOT), after a full Release build,
/// into <c>artifacts/test-handler</c>, and keeps the output for the checks on it. Several test processes (the test
/// projects of one <c>dotnet test Infra.sln</c>) share one publish: under a cross-process lock, a process reuses the
/// publish and the recorded output of another only when the handler's inputs have the same fingerprint and the
/// executable is byte for byte the one recorded; anything else publishes afresh.
/// </summary>
public sealed class PublishedBootstrap
{
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How long a process waits for another's publish: both its build and its publish, with room to spare.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(8);

    public PublishedBootstrap()
    {
        RepositoryRoot = Testing.RepositoryRoot.Path;
        var artifacts = Path.Combine(RepositoryRoot, "artifacts");
        OutputDirectory = Path.Combine(artifacts, "test-handler");
        BuildDirectory = Path.Combine(artifacts, "test-handler-build");
        RecordFile = Path.Combine(artifacts, "test-handler.publish.json");
        Executable = Path.Combine(OutputDirectory, "bootstrap");
        Directory.CreateDirectory(artifacts);
        using (AcquireLock(Path.Combine(artifacts, "test-handler.lock")))
        {
            (ExitCode, Output, Reused) = PublishOrReuse();
        }
    }

    public string RepositoryRoot { get; }

    public string OutputDirectory { get; }

    /// <summary>
    /// The build's own intermediate and output tree. The construct tests pack the handler (publishing it when stale)
    /// in the same test run, possibly at the same moment: in the project's default obj/ folder two compilers would
    /// write the same files.
    /// </summary>
    public string BuildDirectory { get; }

    /// <summary>The record of the last successful publish, written only once it is complete.</summary>
    public string RecordFile { get; }

    public string Executable { get; }

    public int ExitCode { get; }

    /// <summary>Everything the build and the publish printed, stdout and stderr (recorded, when reused).</summary>
    public string Output { get; }

    /// <summary>True when another process's publish of the same inputs was reused.</summary>
    public bool Reused { get; }

    public bool Succeeded => ExitCode == 0 && File.Exists(Executable);

    /// <summary>Fails the calling test with the publish output when there is nothing to run.</summary>
    public string RequireExecutable() =>
        Succeeded ? Executable : throw new InvalidOperationException($"dotnet publish failed (exit {ExitCode}):\n{Output}");

    private (int ExitCode, string Output, bool Reused) PublishOrReuse()
    {
        var fingerprint = HandlerFingerprint.Compute(RepositoryRoot);
        if (TryReadRecord() is { } record && record.Fingerprint == fingerprint && File.Exists(Executable)
            && HashOf(Executable) == record.BootstrapSha256)
        {
            return (0, record.Output, true);
        }

        // Whatever is there is not this publish: neither the record nor a file left by an earlier one may pass for it.
        File.Delete(RecordFile);
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        var (exitCode, output) = Publish();
        // Sources edited during the publish make it a publish of neither version: record nothing, the next run redoes it.
        if (exitCode == 0 && File.Exists(Executable) && HandlerFingerprint.Compute(RepositoryRoot) == fingerprint)
        {
            var temporary = RecordFile + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new PublishRecord(fingerprint, HashOf(Executable), output)));
            File.Move(temporary, RecordFile, overwrite: true);
        }

        return (exitCode, output, false);
    }

    private PublishRecord? TryReadRecord()
    {
        try
        {
            return File.Exists(RecordFile) ? JsonSerializer.Deserialize<PublishRecord>(File.ReadAllText(RecordFile)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string HashOf(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>An exclusive lock on <paramref name="path"/> (FileShare.None is an OS-level lock on Linux too), held until disposed.</summary>
    private static FileStream AcquireLock(string path)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < LockTimeout)
            {
                Thread.Sleep(250);
            }
        }
    }

    private (int ExitCode, string Output) Publish()
    {
        var project = Path.Combine(RepositoryRoot, "src", "EmrStudio.SessionMappingHandler");

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
