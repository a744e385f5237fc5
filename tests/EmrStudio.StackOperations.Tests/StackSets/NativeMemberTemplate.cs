using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// A StackSet template of native resources only (no function runs): a log group, then a Test::Failure that fails on
/// the request types in parameter <c>FailOn</c> in the region named by <c>FailRegion</c> and in the account named by
/// <c>FailAccount</c> ("any" matches every one). Changing <c>Revision</c> makes an update change something.
/// </summary>
internal static class NativeMemberTemplate
{
    public const string Any = "any";
    public const string FailureId = "Failure";

    public static CloudFormationTemplate Template { get; } = CloudFormationTemplate.FromJson(
        new JsonObject
        {
            ["Parameters"] = new JsonObject
            {
                ["FailOn"] = Parameter("None"),
                ["FailRegion"] = Parameter(Any),
                ["FailAccount"] = Parameter(Any),
                ["Revision"] = Parameter("1"),
            },
            ["Conditions"] = new JsonObject
            {
                ["InFailingRegion"] = Matches("AWS::Region", "FailRegion"),
                ["InFailingAccount"] = Matches("AWS::AccountId", "FailAccount"),
                ["FailsHere"] = new JsonObject { ["Fn::And"] = new JsonArray(Condition("InFailingRegion"), Condition("InFailingAccount")) },
            },
            ["Resources"] = new JsonObject
            {
                ["Log"] = new JsonObject
                {
                    ["Type"] = "AWS::Logs::LogGroup",
                    ["Properties"] = new JsonObject { ["RetentionInDays"] = 1 },
                },
                [FailureId] = new JsonObject
                {
                    ["Type"] = TestFailure.Type,
                    ["DependsOn"] = new JsonArray("Log"),
                    ["Properties"] = new JsonObject
                    {
                        ["FailOn"] = new JsonObject { ["Fn::If"] = new JsonArray("FailsHere", Ref("FailOn"), "None") },
                        ["Revision"] = Ref("Revision"),
                    },
                },
            },
        },
        "native StackSet member (log group, Test::Failure)");

    /// <summary>Parameters that make the member fail on <paramref name="failOn"/> in a region, or in one account there.</summary>
    public static Dictionary<string, string> Failing(string failOn, string region, string account = Any, string revision = "1") => new(StringComparer.Ordinal)
    {
        ["FailOn"] = failOn,
        ["FailRegion"] = region,
        ["FailAccount"] = account,
        ["Revision"] = revision,
    };

    private static JsonObject Parameter(string defaultValue) => new() { ["Type"] = "String", ["Default"] = defaultValue };

    private static JsonObject Ref(string name) => new() { ["Ref"] = name };

    private static JsonObject Condition(string name) => new() { ["Condition"] = name };

    /// <summary>True when the parameter is <see cref="Any"/> or equals the pseudo parameter.</summary>
    private static JsonObject Matches(string pseudo, string parameter) => new()
    {
        ["Fn::Or"] = new JsonArray(
            new JsonObject { ["Fn::Equals"] = new JsonArray(Ref(parameter), Any) },
            new JsonObject { ["Fn::Equals"] = new JsonArray(Ref(parameter), Ref(pseudo)) }),
    };
}
