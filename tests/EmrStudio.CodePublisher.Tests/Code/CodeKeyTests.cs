using EmrStudio.CodePublisher.Code;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Code;

public sealed class CodeKeyTests
{
    [Fact]
    public void ForBootstrapSha256_UppercaseHex_NamesTheLowercaseDigestInTheFolder() =>
        Assert.Equal(
            "emrstudio-session-mapping-handler/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.zip",
            CodeKey.ForBootstrapSha256("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));

    [Theory]
    [InlineData("")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("../b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void ForBootstrapSha256_NotASha256InHex_Throws(string digest) =>
        Assert.Throws<ArgumentException>(() => CodeKey.ForBootstrapSha256(digest));

    [Fact]
    public void ForBootstrap_EmptyExecutable_IsTheKeyOfTheEmptyDigest() =>
        Assert.Equal(
            "emrstudio-session-mapping-handler/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.zip",
            CodeKey.ForBootstrap(new MemoryStream()));

    [Fact]
    public void ForBootstrapFile_TheExecutableThatWasZipped_IsTheKeyThePublisherPrintsForTheZip()
    {
        // The StackSet construct computes the key from artifacts/handler/bootstrap, the publisher from inside the zip.
        using var directory = new TemporaryDirectory();
        var bootstrap = Path.Combine(directory.Path, "bootstrap");
        File.WriteAllText(bootstrap, "the handler");

        var fromFile = CodeKey.ForBootstrapFile(bootstrap);
        var fromZip = HandlerZip.Read(HandlerZips.Write(directory.Path, "the handler")).Key;

        Assert.Equal(fromZip, fromFile);
    }
}
