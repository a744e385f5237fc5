using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

public sealed class HandlerAssetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emrstudio-asset-" + Guid.NewGuid().ToString("N"));

    public HandlerAssetTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindDirectory_RepositoryArtifactsAboveWorkingDirectory_FindsThem()
    {
        var built = Directory.CreateDirectory(Path.Combine(_root, "artifacts", "handler")).FullName;
        File.WriteAllText(Path.Combine(built, "bootstrap"), "x");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "cdk", "app")).FullName;

        Assert.Equal(built, HandlerAsset.FindDirectory(null, nested));
    }

    [Fact]
    public void FindDirectory_NotExecutable_MakesItExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var built = Directory.CreateDirectory(Path.Combine(_root, "artifacts", "handler")).FullName;
        var bootstrap = Path.Combine(built, "bootstrap");
        File.WriteAllText(bootstrap, "x");
        File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var found = HandlerAsset.FindDirectory(null, _root);

        Assert.True(File.GetUnixFileMode(Path.Combine(found, "bootstrap")).HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute));
    }

    [Fact]
    public void FindDirectory_OverrideNamesFileOrFolder_UsesItsFolder()
    {
        var bootstrap = Path.Combine(_root, "bootstrap");
        File.WriteAllText(bootstrap, "x");

        Assert.Equal(_root, HandlerAsset.FindDirectory(bootstrap, "/"));
        Assert.Equal(_root, HandlerAsset.FindDirectory(_root, "/"));
    }

    [Fact]
    public void FindDirectory_OverrideWithoutBootstrap_NamesTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandlerAsset.FindDirectory(_root, _root));

        Assert.Contains(HandlerAsset.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindDirectory_NothingFound_NamesTheBuildCommand()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandlerAsset.FindDirectory(null, _root));

        Assert.Contains(HandlerAsset.BuildCommand, error.Message, StringComparison.Ordinal);
        Assert.Contains(HandlerAsset.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }
}
