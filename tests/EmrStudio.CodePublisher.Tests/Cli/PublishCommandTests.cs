using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Cli;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Cli;

/// <summary>Inputs are checked before anything reaches S3: a bad input exits 2 and no client is ever made.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private int _clientsMade;

    [Fact]
    public async Task RunAsync_Help_PrintsTheUsageAndExitsZero()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.StartsWith("Publishes the handler's release zip to a code bucket in every region", output, StringComparison.Ordinal);
        Assert.Equal(0, _clientsMade);
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_ExitsTwoWithEveryProblemAndMakesNoClient()
    {
        var (exitCode, output, error) = await RunAsync("--bucket-prefix", "My_Org", "--regions", "us-east-1", "--organization-id", "o-1");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Empty(output);
        Assert.Equal(
            [
                "--bucket-prefix: 'My_Org' must start with a lowercase letter or digit and contain only lowercase letters, digits and hyphens (S3 bucket naming rules).",
                "--organization-id: 'o-1' is not an AWS Organizations id (o-[a-z0-9]{10,32}); `aws organizations describe-organization` shows it.",
                "Run with --help for the options.",
                string.Empty,
            ],
            error.Split('\n'));
        Assert.Equal(0, _clientsMade);
    }

    [Fact]
    public async Task RunAsync_ZipWithoutBootstrap_ExitsTwoNamingTheZipAndMakesNoClient()
    {
        var zip = HandlerZips.Write(_directory.Path, "x", entryName: "handler");

        var (exitCode, _, error) = await RunAsync("--zip", zip, "--bucket-prefix", "p", "--regions", "us-east-1", "--organization-id", "o-abc123xyz9");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith($"--zip: '{zip}' has no 'bootstrap' at its root (it holds: handler).", error, StringComparison.Ordinal);
        Assert.Equal(0, _clientsMade);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PublishCommand.RunAsync(args, output, error, NoClients, NoWaitClock.Instance, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<IS3ClientFactory> NoClients(PublishOptions options)
    {
        _clientsMade++;
        throw new InvalidOperationException("No S3 client may be made for invalid input.");
    }
}
