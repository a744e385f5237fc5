using System.Diagnostics;
using System.Text.RegularExpressions;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Tools;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>What Lambda's provided.al2023 needs of the release artifact, checked on a real publish.</summary>
[Collection(PublishedBootstrapCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed partial class PublishedBootstrapTests
{
    /// <summary>Amazon Linux 2023's glibc: a binary that asks for a newer symbol version does not start there.</summary>
    private static readonly Version MaxGlibc = new(2, 34);

    private readonly PublishedBootstrap _published;
    private readonly ITestOutputHelper _output;

    public PublishedBootstrapTests(PublishedBootstrap published, ITestOutputHelper output)
    {
        _published = published;
        _output = output;
    }

    [Fact]
    public void Publish_Release_SucceedsWithoutAnyWarning()
    {
        _output.WriteLine(_published.Reused ? "(the recorded output of an earlier publish of the same inputs)" : "(this process's publish)");
        _output.WriteLine(_published.Output);

        Assert.True(_published.ExitCode == 0, $"dotnet publish exited {_published.ExitCode}:\n{_published.Output}");
        // Any warning (IL trimming, AOT analysis, compiler, NuGet) means the binary may behave unlike the code.
        var warnings = _published.Output.Split('\n').Where(line => WarningLine().IsMatch(line) && !NoWarningsSummary().IsMatch(line)).ToList();
        Assert.True(warnings.Count == 0, $"The publish printed {warnings.Count} warning(s):\n{string.Join('\n', warnings)}");
    }

    [Fact]
    public void Publish_Release_LeavesAnExecutableNamedBootstrapAlone()
    {
        var executable = _published.RequireExecutable();

        var files = Directory.GetFiles(_published.OutputDirectory).Select(Path.GetFileName).ToList();
        Assert.Equal(["bootstrap"], files);
        Assert.True(OperatingSystem.IsLinux(), "the handler is published for linux-x64 and checked on Linux");
        if (OperatingSystem.IsLinux())
        {
            var mode = File.GetUnixFileMode(executable);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"bootstrap is not executable (mode {mode})");
        }

        var size = new FileInfo(executable).Length;
        _output.WriteLine($"bootstrap: {size} bytes");
        Assert.InRange(size, 1, 64L * 1024 * 1024);
    }

    [Fact]
    public void Publish_Release_NeedsNoGlibcNewerThanAmazonLinux2023s()
    {
        var executable = _published.RequireExecutable();
        RequiredTool.Objdump.Require();
        var symbols = RunObjdump(executable);

        var versions = GlibcVersion().Matches(symbols).Select(match => Version.Parse(match.Groups[1].Value)).Distinct().Order().ToList();
        Assert.NotEmpty(versions);
        _output.WriteLine($"GLIBC versions needed: {string.Join(", ", versions)}");
        var tooNew = versions.Where(version => version > MaxGlibc).ToList();
        Assert.True(tooNew.Count == 0, $"bootstrap needs GLIBC {string.Join(", ", tooNew)}; Amazon Linux 2023 has {MaxGlibc}.");
    }

    private static string RunObjdump(string executable)
    {
        var start = new ProcessStartInfo("objdump") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-T");
        start.ArgumentList.Add(executable);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"objdump -T failed: {stderr.Result}");
        return stdout.Result;
    }

    // Any line that says warning: MSBuild diagnostics ("warning IL3050:", "warning NU1603:") and tools' own notes alike.
    [GeneratedRegex(@"(?i)\bwarning\b", RegexOptions.CultureInvariant)]
    private static partial Regex WarningLine();

    // The build's own summary, "0 Warning(s)", says there were none.
    [GeneratedRegex(@"^\s*0 Warning\(s\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NoWarningsSummary();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex GlibcVersion();
}
