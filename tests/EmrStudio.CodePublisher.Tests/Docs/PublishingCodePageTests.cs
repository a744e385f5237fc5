using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Cli;
using EmrStudio.CodePublisher.Code;
using EmrStudio.CodePublisher.Publishing;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Docs;

/// <summary>docs/publishing-code.md shows what the publisher does: its policy, its permissions, its options, its waits.</summary>
public sealed partial class PublishingCodePageTests
{
    private const string Prefix = "my-org-emrstudio";

    private static readonly Lazy<string> Page = new(() => File.ReadAllText(RepositoryRoot.File("docs/publishing-code.md")));

    [Fact]
    public void Page_BucketPolicy_IsTheOneThePublisherWrites()
    {
        var expected = JsonNode.Parse(CodeBucketPolicy.Document("aws", $"{Prefix}-eu-west-1", "o-abc123xyz9"));

        Assert.Contains(JsonBlocks(), block => JsonNode.DeepEquals(block, expected));
    }

    [Fact]
    public void Page_PermissionsPolicy_GrantsExactlyTheActionsOfThePublishersCallsOnTheirResources()
    {
        var policy = JsonBlocks().Single(block => block.ToJsonString().Contains("s3:ListAllMyBuckets", StringComparison.Ordinal));
        var scopes = new Dictionary<string, S3ResourceScope>(StringComparer.Ordinal)
        {
            ["*"] = S3ResourceScope.Account,
            [$"arn:aws:s3:::{Prefix}-*"] = S3ResourceScope.Bucket,
            [$"arn:aws:s3:::{Prefix}-*/{CodeKey.Folder}/*"] = S3ResourceScope.CodeObject,
        };

        var granted = policy["Statement"]!.AsArray().SelectMany(statement =>
        {
            Assert.Equal("Allow", statement!["Effect"]!.GetValue<string>());
            var scope = scopes[statement["Resource"]!.GetValue<string>()];
            return Strings(statement["Action"]).Select(action => (action, scope));
        });

        Assert.Equal(
            S3Operations.All.Select(operation => (operation.Action, operation.Scope)).Distinct().Order(),
            granted.Order());
    }

    [Fact]
    public void Page_OptionsTable_ListsExactlyTheCommandsOptions()
    {
        var documented = OptionCell().Matches(Page.Value).Select(match => match.Groups["option"].Value);
        var usage = UsageOption().Matches(CommandLine.Usage).Select(match => match.Groups["option"].Value).Where(option => option != "--help");

        Assert.Equal(usage.Distinct().Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Page_WaitsOnANewBucket_AreThePublishers()
    {
        var waits = NewBucketPropagation.Waits.Select(wait => wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)).ToList();
        var total = NewBucketPropagation.Waits.Sum(wait => wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        Assert.Contains($"{string.Join(", ", waits[..^1])} and {waits[^1]} s ({total} s in all)", string.Join(' ', Page.Value.Split('\n')), StringComparison.Ordinal);
    }

    private static List<JsonNode> JsonBlocks() =>
        [.. JsonBlock().Matches(Page.Value).Select(match => JsonNode.Parse(match.Groups["json"].Value)!)];

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()) : [node!.GetValue<string>()];

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"^\| `(?<option>--[a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex OptionCell();

    [GeneratedRegex(@"^\s+(?<option>--[a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex UsageOption();
}
