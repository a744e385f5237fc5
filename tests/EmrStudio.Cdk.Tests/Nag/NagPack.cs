using System.Diagnostics;
using System.Text.Json;
using EmrStudio.Testing;
using EmrStudio.Testing.Reporting;
using EmrStudio.Testing.Tools;
using Xunit.Abstractions;

namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>
/// cdk-nag's AwsSolutions pack, run by Node.js on synthesized templates (check-templates.js next to this file). The
/// npm packages, pinned by package-lock.json, are installed once into <c>artifacts/cdk-nag/</c> (npm's cache in
/// <c>artifacts/npm-cache/</c>) and reused while the lock file is unchanged.
/// </summary>
internal static class NagPack
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] PackageFiles = ["package.json", "package-lock.json"];
    private static readonly JsonSerializerOptions ReportJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The unacknowledged findings of each template, in the order given.</summary>
    public static IReadOnlyList<NagReport> Check(IReadOnlyCollection<string> templateFiles, IMessageSink sink)
    {
        var directory = Install(sink);
        RequiredTool.Node.Require();
        using var progress = StepProgress.Start(sink, $"Running cdk-nag's AwsSolutions pack on {templateFiles.Count} synthesized templates");
        var output = Run(directory, CheckTimeout, "node", ["check-templates.js", .. templateFiles], progress);
        return JsonSerializer.Deserialize<List<NagReport>>(output, ReportJson)
            ?? throw new InvalidOperationException("check-templates.js printed no report.");
    }

    private static string Install(IMessageSink sink)
    {
        var source = Path.GetDirectoryName(RepositoryRoot.File("tests/EmrStudio.Cdk.Tests/Nag/check-templates.js"))!;
        var target = Path.Combine(RepositoryRoot.Path, "artifacts", "cdk-nag");
        var lockFile = Path.Combine(source, "package-lock.json");
        var installedLock = Path.Combine(target, "package-lock.json");
        if (!File.Exists(installedLock) || File.ReadAllText(installedLock) != File.ReadAllText(lockFile) || !Directory.Exists(Path.Combine(target, "node_modules", "cdk-nag")))
        {
            RequiredTool.Npm.Require();
            using var progress = StepProgress.Start(sink, "Installing cdk-nag and aws-cdk-lib from npm (package-lock.json) into artifacts/cdk-nag");
            // Into a fresh folder, then moved into place: an interrupted install never looks complete.
            var staging = $"{target}.{Guid.NewGuid():N}";
            Directory.CreateDirectory(staging);
            foreach (var file in PackageFiles)
            {
                File.Copy(Path.Combine(source, file), Path.Combine(staging, file));
            }

            Run(staging, InstallTimeout, "npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], progress);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
        }

        File.Copy(Path.Combine(source, "check-templates.js"), Path.Combine(target, "check-templates.js"), overwrite: true);
        return target;
    }

    private static string Run(string workingDirectory, TimeSpan timeout, string program, IEnumerable<string> arguments, StepProgress progress)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // npm's cache stays in the repository's artifacts, not in the user's home.
        start.Environment["npm_config_cache"] = Path.Combine(RepositoryRoot.Path, "artifacts", "npm-cache");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            progress.Saw(line.Data);
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        lock (errors)
        {
            return process.ExitCode == 0
                ? output.Result
                : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{errors}\n{output.Result}");
        }
    }
}
