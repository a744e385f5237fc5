using System.Diagnostics;
using System.Text.Json;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Tools;
using Xunit;

namespace EmrStudio.Cdk.Tests.Packaging;

/// <summary>
/// The pack and <c>cdk synth</c> publish the handler when an input is newer than artifacts/handler/bootstrap
/// (cdk/HandlerPublish.targets); the tests publish when the fingerprint of the inputs changed. Both must read the same
/// files, or one of them would use a bootstrap the other knows to be stale.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class HandlerPublishInputsTests
{
    [Fact]
    public async Task HandlerPublishTargets_Inputs_AreTheFilesTheTestFingerprintHashes()
    {
        RequiredTool.Dotnet.Require();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in (string[])["msbuild", "cdk/EmrStudio.Cdk/EmrStudio.Cdk.csproj", "-t:EmrStudioCollectHandlerInputs", "-getItem:EmrStudioHandlerInput", "-nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not steer the child.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild exited {process.ExitCode}:\n{output}\n{await errors}");

        using var items = JsonDocument.Parse(output);
        var fromTargets = items.RootElement.GetProperty("Items").GetProperty("EmrStudioHandlerInput").EnumerateArray()
            .Select(item => Path.GetRelativePath(RepositoryRoot.Path, item.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(HandlerFingerprint.Inputs(RepositoryRoot.Path), fromTargets);
    }
}
