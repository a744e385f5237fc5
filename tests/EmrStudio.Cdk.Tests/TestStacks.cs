using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using EmrStudio.Testing.Tools;
using Newtonsoft.Json.Linq;

namespace EmrStudio.Cdk.Tests;

/// <summary>Stacks and templates for the tests, with a stand-in bootstrap so that no AOT publish is needed. Every stack is
/// made after <see cref="FakeHandler"/>, which also checks that Node.js is there.</summary>
internal static class TestStacks
{
    public const string StudioA = "es-0123456789ABCDEFGHIJKLMNO";
    public const string StudioB = "es-B0123456789";
    public const string PolicyArn = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist";

    private static readonly Lazy<string> FakeHandler = new(() =>
    {
        // The CDK's .NET bindings run the construct library in Node.js (jsii).
        RequiredTool.Node.Require();
        var directory = Path.Combine(Path.GetTempPath(), "emrstudio-cdk-tests-handler");
        Directory.CreateDirectory(directory);
        var bootstrap = Path.Combine(directory, HandlerAsset.ExecutableName);
        File.WriteAllText(bootstrap, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, (UnixFileMode)0b111_101_101);
        }

        System.Environment.SetEnvironmentVariable(HandlerAsset.EnvironmentVariable, directory);
        return directory;
    });

    public static string FakeHandlerDirectory => FakeHandler.Value;

    public static Stack NewStack(App? app = null, string id = "Test")
    {
        _ = FakeHandler.Value;
        return new Stack(app ?? new App(), id);
    }

    public static StudioSessionMapping Map(
        Stack stack,
        string id,
        string studioId = StudioA,
        StudioIdentity? identity = null,
        RemovalPolicy? removalPolicy = null,
        StudioSessionMappingHandlerOptions? handlerOptions = null) =>
        new(stack, id, new StudioSessionMappingProps
        {
            StudioId = studioId,
            Identity = identity ?? StudioIdentity.Group("data-scientists"),
            SessionPolicy = PolicyArn,
            RemovalPolicy = removalPolicy,
            HandlerOptions = handlerOptions,
        });

    /// <summary>The synthesized template as JSON, for exact comparisons.</summary>
    public static JObject Json(Stack stack) => JObject.FromObject(Template.FromStack(stack).ToJSON());

    public static IEnumerable<KeyValuePair<string, JToken?>> Resources(JObject template, string type) =>
        ((JObject)template["Resources"]!).Properties()
            .Where(p => (string?)p.Value["Type"] == type)
            .Select(p => new KeyValuePair<string, JToken?>(p.Name, p.Value));

    public static JToken Single(JObject template, string type) => Resources(template, type).Single().Value!;

    public static string LogicalId(JObject template, string type) => Resources(template, type).Single().Key;

    /// <summary>The one resource of <paramref name="type"/>'s properties.</summary>
    public static JToken Properties(Stack stack, string type) => Single(Json(stack), type)["Properties"]!;

    /// <summary>The statements of the handler role's inline policy.</summary>
    public static JArray RoleStatements(Stack stack) =>
        (JArray)Properties(stack, "AWS::IAM::Role")["Policies"]!.Single()["PolicyDocument"]!["Statement"]!;

    /// <summary>The statement with <paramref name="sid"/> of the handler role's inline policy.</summary>
    public static JToken RoleStatement(Stack stack, string sid) => RoleStatements(stack).Single(s => (string?)s["Sid"] == sid);

    /// <summary>A value as CloudFormation reads it, without the JSII bridge's number formatting (128.0).</summary>
    public static string Compact(JToken token) => token.ToString(Newtonsoft.Json.Formatting.None);
}
