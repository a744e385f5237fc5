using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EmrStudio.CodePublisher.Code;
using EmrStudio.CodePublisher.Inputs;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Code;

public sealed class HandlerZipTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Read_ReleaseShapedZip_KeyNamesTheBootstrapsDigestAndKeepsTheArchiveWhole()
    {
        var path = HandlerZips.Write(_directory.Path, "the handler");

        var zip = HandlerZip.Read(path);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("the handler"u8)), zip.BootstrapSha256Hex);
        Assert.Equal($"emrstudio-session-mapping-handler/{zip.BootstrapSha256Hex}.zip", zip.Key);
        Assert.Equal(File.ReadAllBytes(path), zip.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), zip.ZipSha256Hex);
    }

    [Fact]
    public void Read_SameBootstrapZippedAtAnotherTime_SameKeyButAnotherArchiveDigest()
    {
        var first = HandlerZip.Read(HandlerZips.Write(_directory.Path, "the handler"));
        var second = HandlerZip.Read(WriteZip(entry => entry.LastWriteTime = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero), "bootstrap"));

        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(first.ZipSha256Hex, second.ZipSha256Hex);
    }

    [Fact]
    public void Read_MissingFile_NamesTheOptionAndTheBuildScript()
    {
        var error = Assert.Throws<InvalidInputException>(() => HandlerZip.Read(Path.Combine(_directory.Path, "absent.zip")));

        Assert.StartsWith("--zip: cannot read '", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Build it with build/package-handler.sh.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAZip_SaysSo()
    {
        var path = Path.Combine(_directory.Path, "not.zip");
        File.WriteAllText(path, "#!/bin/sh");

        var error = Assert.Throws<InvalidInputException>(() => HandlerZip.Read(path));

        Assert.StartsWith($"--zip: '{path}' is not a readable zip archive: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BootstrapInAFolder_ListsWhatTheZipHolds()
    {
        var path = HandlerZips.Write(_directory.Path, "the handler", entryName: "publish/bootstrap");

        var error = Assert.Throws<InvalidInputException>(() => HandlerZip.Read(path));

        Assert.Equal(
            $"--zip: '{path}' has no 'bootstrap' at its root (it holds: publish/bootstrap). Lambda's custom runtime starts the file named bootstrap at the root of the zip; build it with build/package-handler.sh.",
            error.Message);
    }

    [Fact]
    public void Read_MoreThanTheBootstrap_IsRefusedBecauseTheKeyWouldNotNameIt()
    {
        var path = HandlerZips.Write(_directory.Path, "the handler", HandlerZips.Executable, "bootstrap", "appsettings.json");

        var error = Assert.Throws<InvalidInputException>(() => HandlerZip.Read(path));

        Assert.Contains("holds more than 'bootstrap' (bootstrap, appsettings.json)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0b110_100_100, "0644")]
    [InlineData(0b111_000_000, "0700")]
    [InlineData(0, "0000")]
    public void Read_BootstrapNotRunnableByEveryone_NamesItsMode(int mode, string octal)
    {
        var path = HandlerZips.Write(_directory.Path, "the handler", mode);

        var error = Assert.Throws<InvalidInputException>(() => HandlerZip.Read(path));

        Assert.Contains($"has Unix mode {octal}; Lambda runs it as another user", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private string WriteZip(Action<ZipArchiveEntry> adjust, string name)
    {
        var path = Path.Combine(_directory.Path, $"{Guid.NewGuid():N}.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        var entry = archive.CreateEntry(name);
        entry.ExternalAttributes = (0b1000 << 28) | (HandlerZips.Executable << 16);
        adjust(entry);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes("the handler"));
        return path;
    }
}
