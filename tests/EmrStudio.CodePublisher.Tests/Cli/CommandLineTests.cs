using EmrStudio.CodePublisher.Cli;
using EmrStudio.CodePublisher.Inputs;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Cli;

public sealed class CommandLineTests
{
    private static readonly string[] Required = ["--bucket-prefix", "my-org-emrstudio", "--regions", "us-east-1,eu-west-1", "--organization-id", "o-abc123xyz9"];

    [Fact]
    public void Parse_RequiredOptionsOnly_TakesTheReleaseZipAndTheSdksDefaults()
    {
        var options = CommandLine.Parse(Required);

        Assert.Equal(
            new PublishOptions("artifacts/emrstudio-session-mapping-handler.zip", "my-org-emrstudio", options!.Regions, "o-abc123xyz9", null, null, null),
            options);
        Assert.Equal(["us-east-1", "eu-west-1"], options.Regions);
    }

    [Fact]
    public void Parse_EveryOptionInBothSpellings_ReadsEachValue()
    {
        var options = CommandLine.Parse(
        [
            "--zip=build.zip", "--bucket-prefix", "p", "--regions=us-east-1", "--regions", " ap-south-1 ,sa-east-1", "--organization-id=o-0123456789",
            "--profile", "release", "--endpoint-url", "http://127.0.0.1:4568", "--max-attempts", "5",
        ])!;

        Assert.Equal("build.zip", options.ZipPath);
        Assert.Equal(["us-east-1", "ap-south-1", "sa-east-1"], options.Regions);
        Assert.Equal("release", options.Profile);
        Assert.Equal(new Uri("http://127.0.0.1:4568"), options.EndpointUrl);
        Assert.Equal(5, options.MaxAttempts);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_AsksForTheUsage(string help) => Assert.Null(CommandLine.Parse([.. Required, help]));

    [Fact]
    public void Parse_NothingGiven_NamesEveryRequiredOptionAtOnce()
    {
        var error = Assert.Throws<InvalidInputException>(() => CommandLine.Parse([]));

        Assert.Equal(
            [
                "--regions: required (comma-separated, for example us-east-1,eu-west-1).",
                "--bucket-prefix: required (buckets are named <prefix>-<region>).",
                "--organization-id: required (the organization whose accounts may read the code, o-...).",
            ],
            error.Message.Split('\n'));
    }

    [Theory]
    [InlineData("o-abc", "--organization-id: 'o-abc' is not an AWS Organizations id (o-[a-z0-9]{10,32}); `aws organizations describe-organization` shows it.")]
    [InlineData("o-ABC123XYZ9", "--organization-id: 'o-ABC123XYZ9' is not an AWS Organizations id (o-[a-z0-9]{10,32}); `aws organizations describe-organization` shows it.")]
    [InlineData("r-abc123xyz9", "--organization-id: 'r-abc123xyz9' is not an AWS Organizations id (o-[a-z0-9]{10,32}); `aws organizations describe-organization` shows it.")]
    public void Parse_NotAnOrganizationId_SaysWhatOneLooksLike(string organizationId, string expected) =>
        Assert.Equal(expected, Problem(["--bucket-prefix", "p", "--regions", "us-east-1", "--organization-id", organizationId]));

    [Theory]
    [InlineData("My-Org", "'My-Org' must start with a lowercase letter or digit and contain only lowercase letters, digits and hyphens (S3 bucket naming rules)")]
    [InlineData("-org", "'-org' must start with a lowercase letter or digit and contain only lowercase letters, digits and hyphens (S3 bucket naming rules)")]
    [InlineData("my.org", "'my.org' contains a dot: S3 allows dots in bucket names, but a dotted name breaks HTTPS to virtual-hosted addresses; use hyphens")]
    [InlineData("xn--org", "'xn--org' starts with 'xn--', which S3 reserves")]
    [InlineData("", "is empty")]
    public void Parse_PrefixThatCannotNameABucket_SaysWhy(string prefix, string why) =>
        Assert.Equal($"--bucket-prefix: {why}.", Problem(["--bucket-prefix", prefix, "--regions", "us-east-1", "--organization-id", "o-abc123xyz9"]));

    [Fact]
    public void Parse_PrefixTooLongForTheLongestRegion_NamesThatRegionsBucketAndTheRoomLeft()
    {
        var prefix = new string('a', 49);

        var problem = Problem(["--bucket-prefix", prefix, "--regions", "us-east-1,ap-southeast-2", "--organization-id", "o-abc123xyz9"]);

        Assert.Equal(
            $"--bucket-prefix: '{prefix}' is too long: '{prefix}-ap-southeast-2' has 64 characters, and S3 bucket names have at most 63 (the prefix may have at most 48 with region ap-southeast-2).",
            problem);
        Assert.NotNull(CommandLine.Parse(["--bucket-prefix", prefix[..48], "--regions", "us-east-1,ap-southeast-2", "--organization-id", "o-abc123xyz9"]));
    }

    [Theory]
    [InlineData("us-east-1,EU", "--regions: 'EU' is not a region name (lowercase words joined by hyphens, ending in a number, like us-east-1).")]
    [InlineData("us-east-1,,eu-west-1", "--regions: '' is not a region name (lowercase words joined by hyphens, ending in a number, like us-east-1).")]
    [InlineData("us-east-1,us-east-1", "--regions: us-east-1 is listed twice.")]
    [InlineData("us-east-1,cn-north-1", "--regions: the regions belong to different partitions (aws, aws-cn), which need their own credentials and organizations; publish to each partition in its own run.")]
    public void Parse_RegionsThatCannotBePublishedTogether_SaysWhy(string regions, string expected) =>
        Assert.Equal(expected, Problem(["--bucket-prefix", "p", "--regions", regions, "--organization-id", "o-abc123xyz9"]));

    [Theory]
    [InlineData("--endpoint-url", "localhost:4568", "--endpoint-url: 'localhost:4568' is not an http(s) URL of an endpoint's root, like http://127.0.0.1:4568.")]
    [InlineData("--endpoint-url", "http://127.0.0.1:4568/bucket", "--endpoint-url: 'http://127.0.0.1:4568/bucket' is not an http(s) URL of an endpoint's root, like http://127.0.0.1:4568.")]
    [InlineData("--max-attempts", "0", "--max-attempts: '0' is not a whole number from 1 to 20.")]
    [InlineData("--profile", "", "--profile: empty.")]
    [InlineData("--zip", "--regions", "--zip: needs a value.")]
    [InlineData("--bucket", "p", "--bucket: unknown option.")]
    public void Parse_OptionalValueThatIsNotUsable_SaysWhy(string option, string value, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => CommandLine.Parse([.. Required, option, value]));

        Assert.Contains(expected, error.Message.Split('\n'));
    }

    [Fact]
    public void Parse_OptionGivenTwice_AsksForOnce() =>
        Assert.Equal("--bucket-prefix: given 2 times; give it once.", Problem([.. Required, "--bucket-prefix", "other"]));

    private static string Problem(string[] arguments) =>
        Assert.Throws<InvalidInputException>(() => CommandLine.Parse(arguments)).Message;
}
