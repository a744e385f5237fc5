using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmrStudio.Testing.Reporting;
using EmrStudio.Testing.Tools;
using Xunit.Abstractions;

namespace EmrStudio.Testing.Publishing;

/// <summary>
/// The handler published as a release is (<c>dotnet publish -c Release</c>, Native AOT) into <c>artifacts/handler</c>,
/// the one folder that the tests, the construct's pack and <c>cdk synth</c> all take the bootstrap from, with the
/// output of the build and the publish kept for the checks on it. One publish serves a whole test run: under a
/// cross-process lock, a process reuses the folder and the recorded output when the handler's inputs have the
/// fingerprint recorded and the executable is byte for byte the one recorded; anything else publishes afresh.
/// </summary>
/// <remarks>
/// cdk/HandlerPublish.targets decides by timestamps whether a pack or a synth must publish first: after a reuse the
/// bootstrap is touched when an input is newer, so that MSBuild sees the same publish as up to date.
/// </remarks>
public sealed class PublishedBootstrap
{
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long a process waits for another's publish: both its build and its publish, with room to spare.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(12);

    /// <summary>Takes the shared publish, or makes it; <paramref name="sink"/> hears what a publish is doing while it runs.</summary>
    public PublishedBootstrap(IMessageSink sink)
    {
        RepositoryRoot = Testing.RepositoryRoot.Path;
        var artifacts = Path.Combine(RepositoryRoot, "artifacts");
        OutputDirectory = Path.Combine(artifacts, "handler");
        RecordFile = Path.Combine(artifacts, "handler.publish.json");
        Executable = Path.Combine(OutputDirectory, "bootstrap");
        Directory.CreateDirectory(artifacts);
        using (AcquireLock(Path.Combine(artifacts, "handler.publish.lock"), sink))
        {
            (ExitCode, Output, Reused) = PublishOrReuse(sink);
        }
    }

    public string RepositoryRoot { get; }

    public string OutputDirectory { get; }

    /// <summary>The record of the last successful publish, written only once it is complete.</summary>
    public string RecordFile { get; }

    public string Executable { get; }

    public int ExitCode { get; }

    /// <summary>Everything the build and the publish printed, stdout and stderr (recorded, when reused).</summary>
    public string Output { get; }

    /// <summary>True when an earlier publish of the same inputs was reused.</summary>
    public bool Reused { get; }

    public bool Succeeded => ExitCode == 0 && File.Exists(Executable);

    /// <summary>Fails the calling test with the publish output when there is nothing to run.</summary>
    public string RequireExecutable() =>
        Succeeded ? Executable : throw new InvalidOperationException($"dotnet publish failed (exit {ExitCode}):\n{Output}");

    private (int ExitCode, string Output, bool Reused) PublishOrReuse(IMessageSink sink)
    {
        var inputs = HandlerFingerprint.Inputs(RepositoryRoot);
        var fingerprint = HandlerFingerprint.Compute(RepositoryRoot, inputs);
        if (TryReadRecord() is { } record && record.Fingerprint == fingerprint && File.Exists(Executable)
            && HashOf(Executable) == record.BootstrapSha256)
        {
            KeepNewerThan(inputs);
            return (0, record.Output, true);
        }

        RequiredTool.Dotnet.Require();
        RequiredTool.NativeToolchain.Require();

        // Whatever is there is not this publish: neither the record nor a file left by an earlier one may pass for it.
        File.Delete(RecordFile);
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        var (exitCode, output) = Publish(sink);
        // Sources edited during the publish make it a publish of neither version: record nothing, the next run redoes it.
        if (exitCode == 0 && File.Exists(Executable) && HandlerFingerprint.Compute(RepositoryRoot, HandlerFingerprint.Inputs(RepositoryRoot)) == fingerprint)
        {
            KeepNewerThan(inputs);
            var temporary = RecordFile + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new PublishRecord(fingerprint, HashOf(Executable), output)));
            File.Move(temporary, RecordFile, overwrite: true);
        }

        return (exitCode, output, false);
    }

    /// <summary>The bootstrap's timestamp after every input's: MSBuild's incremental check then agrees with the fingerprint.</summary>
    private void KeepNewerThan(IReadOnlyList<string> inputs)
    {
        var newest = inputs.Max(input => File.GetLastWriteTimeUtc(Path.Combine(RepositoryRoot, input)));
        if (File.GetLastWriteTimeUtc(Executable) <= newest)
        {
            File.SetLastWriteTimeUtc(Executable, DateTime.UtcNow);
        }
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

    private static FileStream AcquireLock(string path, IMessageSink sink)
    {
        StepProgress? waiting = null;
        var taken = FileLock.Acquire(path, LockTimeout, () => waiting = StepProgress.Start(sink, "Waiting for another test process's publish of the handler"));
        waiting?.Dispose();
        return taken;
    }

    private (int ExitCode, string Output) Publish(IMessageSink sink)
    {
        var project = Path.Combine(RepositoryRoot, "src", "EmrStudio.SessionMappingHandler");

        // An up-to-date publish skips the compilers and so prints none of their warnings. A build without
        // incrementality recompiles, and the publish after it then reruns the Native AOT compiler on the fresh assembly,
        // so both compilers speak every run. (dotnet publish itself has no --no-incremental.) The command is otherwise
        // HandlerPublish.targets' own: same project, configuration and folder.
        using var progress = StepProgress.Start(sink, "Publishing the handler (Native AOT) into artifacts/handler for this test run");
        var (buildExit, buildOutput) = RunDotnet(["build", project, "-c", "Release", "--no-incremental", "-nologo", "-v", "minimal", "-clp:NoSummary"], progress);
        if (buildExit != 0)
        {
            return (buildExit, buildOutput);
        }

        var (publishExit, publishOutput) = RunDotnet(["publish", project, "-c", "Release", "-o", OutputDirectory, "--no-build", "-nologo", "-v", "minimal", "-clp:NoSummary"], progress);
        return (publishExit, buildOutput + publishOutput);
    }

    private (int ExitCode, string Output) RunDotnet(string[] arguments, StepProgress progress)
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
                progress.Saw(line);
                lock (gate)
                {
                    output.Append(line).Append('\n');
                }
            }
        }
    }
}
