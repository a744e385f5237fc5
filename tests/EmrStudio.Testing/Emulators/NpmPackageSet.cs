using System.Security.Cryptography;
using EmrStudio.Testing.Reporting;
using EmrStudio.Testing.Tools;
using Xunit.Abstractions;

namespace EmrStudio.Testing.Emulators;

/// <summary>
/// A set of npm packages pinned by a package.json and package-lock.json in the repository, installed once with
/// <c>npm ci</c> into <c>artifacts/npm/&lt;name&gt;-&lt;lock hash&gt;/</c> and reused while the lock is unchanged.
/// Concurrent test processes share one install through a lock file.
/// </summary>
public sealed class NpmPackageSet
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private string? _installed;

    /// <param name="sourceDirectory">The repository folder holding package.json, package-lock.json and the scripts to copy.</param>
    /// <param name="name">The install folder's name under artifacts/npm.</param>
    public NpmPackageSet(string sourceDirectory, string name)
    {
        SourceDirectory = sourceDirectory;
        Name = name;
    }

    public string SourceDirectory { get; }

    public string Name { get; }

    /// <summary>The folder holding node_modules and the copied scripts, installed on first use.</summary>
    public string Directory => Install(sink: null);

    /// <summary>Installs the packages unless this process already has; <paramref name="sink"/> hears what an install is doing.</summary>
    public string Install(IMessageSink? sink)
    {
        lock (_gate)
        {
            return _installed ??= InstallOnce(sink);
        }
    }

    private string InstallOnce(IMessageSink? sink)
    {
        var lockText = File.ReadAllBytes(Path.Combine(SourceDirectory, "package-lock.json"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(lockText))[..12];
        var root = Path.Combine(RepositoryRoot.Find(), "artifacts", "npm");
        var target = Path.Combine(root, $"{Name}-{hash}");
        System.IO.Directory.CreateDirectory(root);
        StepProgress? waiting = null;
        using (FileLock.Acquire(Path.Combine(root, Name + ".lock"), InstallTimeout, () => waiting = StepProgress.Start(sink, $"Waiting for another test process's install of {Name}")))
        {
            waiting?.Dispose();
            if (!System.IO.Directory.Exists(Path.Combine(target, "node_modules")))
            {
                RequiredTool.Npm.Require();
                using var progress = StepProgress.Start(sink, $"Installing {Name} from npm (package-lock.json) into artifacts/npm");
                // Into a fresh folder, then moved into place: an interrupted install never looks complete.
                var staging = $"{target}.{Guid.NewGuid():N}";
                System.IO.Directory.CreateDirectory(staging);
                File.Copy(Path.Combine(SourceDirectory, "package.json"), Path.Combine(staging, "package.json"));
                File.Copy(Path.Combine(SourceDirectory, "package-lock.json"), Path.Combine(staging, "package-lock.json"));
                ExternalProcess.Run(staging, InstallTimeout, "npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], progress);
                if (System.IO.Directory.Exists(target))
                {
                    System.IO.Directory.Delete(target, recursive: true);
                }

                System.IO.Directory.Move(staging, target);
            }
        }

        foreach (var script in System.IO.Directory.EnumerateFiles(SourceDirectory, "*.js"))
        {
            File.Copy(script, Path.Combine(target, Path.GetFileName(script)), overwrite: true);
        }

        return target;
    }
}
