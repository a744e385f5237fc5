using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Sample;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>
/// Synthesizes the stacks the pack checks and runs it once on all of them (Node.js and the CDK load once). Each
/// construct stack also holds a policy with a wildcard that nothing suppresses: its finding shows that the pack ran.
/// </summary>
public sealed class NagPackFixture : IDisposable
{
    public const string ControlPolicyId = "UnsuppressedControl";

    /// <summary>The construct id of the stack status reader role in the "stackset" stack.</summary>
    public const string ReaderRoleId = "StackStatusReader";

    private readonly string _directory = Directory.CreateTempSubdirectory("emrstudio-nag-").FullName;

    public NagPackFixture(IMessageSink sink)
    {
        var templates = new Dictionary<string, JObject>
        {
            ["default"] = Default(),
            ["options"] = WithOptions(),
            ["vpc"] = InVpc(),
            ["environment"] = WithEnvironment(),
            ["sample"] = Sample(),
            ["stackset"] = StackSet(out var member),
            ["member"] = member,
        };
        templates["unsuppressed"] = WithoutSuppressions(Default());

        var files = templates.ToDictionary(t => t.Key, t => Write(t.Key, t.Value));
        var reports = NagPack.Check(files.Values, sink);
        Templates = templates;
        Findings = files.ToDictionary(f => f.Key, f => reports.Single(r => r.Template == f.Value).Findings);
    }

    /// <summary>The synthesized templates by name.</summary>
    public IReadOnlyDictionary<string, JObject> Templates { get; }

    /// <summary>The unacknowledged findings by template name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<NagFinding>> Findings { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The logical ids of the product's resources: the shared handler's and the mappings.</summary>
    public static HashSet<string> ProductResources(JObject template) =>
        [.. ((JObject)(template ?? throw new ArgumentNullException(nameof(template)))["Resources"]!).Properties()
            .Where(r => r.Name.StartsWith(SharedHandler.ConstructId, StringComparison.Ordinal) || r.Name.StartsWith(ReaderRoleId, StringComparison.Ordinal)
                || (string?)r.Value["Type"] is HandlerDefaults.ResourceType or "AWS::CloudFormation::StackSet")
            .Select(r => r.Name)];

    private static JObject Default()
    {
        var stack = WithControl(TestStacks.NewStack());
        TestStacks.Map(stack, "Group");
        TestStacks.Map(stack, "User", identity: StudioIdentity.UserId("0123abcd-4567-89ab-cdef-0123456789ab"));
        return TestStacks.Json(stack);
    }

    private static JObject WithOptions()
    {
        var stack = WithControl(TestStacks.NewStack());
        TestStacks.Map(stack, "Group", handlerOptions: new StudioSessionMappingHandlerOptions
        {
            MemorySize = 256,
            LogLevel = ApplicationLogLevel.DEBUG,
            PermissionsBoundary = ManagedPolicy.FromManagedPolicyName(stack, "Boundary", "DeveloperBoundary"),
            RolePath = "/emr-studio/",
            Tags = new Dictionary<string, string> { ["team"] = "data-platform" },
            Studios = [TestStacks.StudioA],
            TrustedStackAccounts = ["111122223333"],
        });
        return TestStacks.Json(stack);
    }

    private static JObject InVpc()
    {
        var stack = WithControl(TestStacks.NewStack());
        TestStacks.Map(stack, "Group", handlerOptions: new StudioSessionMappingHandlerOptions
        {
            VpcSubnets = [Subnet.FromSubnetId(stack, "Subnet", "subnet-1")],
            SecurityGroups = [SecurityGroup.FromSecurityGroupId(stack, "SecurityGroup", "sg-1")],
        });
        return TestStacks.Json(stack);
    }

    private static JObject WithEnvironment()
    {
        _ = TestStacks.FakeHandlerDirectory;
        var stack = WithControl(new Stack(new App(), "Environment", new StackProps { Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-west-1" } }));
        TestStacks.Map(stack, "Group");
        return TestStacks.Json(stack);
    }

    private static JObject Sample()
    {
        _ = TestStacks.FakeHandlerDirectory;
        var stack = new SessionMappingsStack(new App(), "Sample", SessionMappingsStack.PlaceholderStudioId, new StackProps());
        return TestStacks.Json(stack);
    }

    /// <summary>A management account's stack: the StackSet and a reader role; <paramref name="member"/> is the StackSet's member template.</summary>
    private static JObject StackSet(out JObject member)
    {
        var stack = WithControl(TestStacks.NewStack());
        var stackSet = new StudioSessionMappingStackSet(stack, "Analytics", StackSetTests.Typical());
        _ = new StackStatusReaderRole(stack, ReaderRoleId, new StackStatusReaderRoleProps { HandlerRoleArn = "arn:aws:iam::111122223333:role/handler" });
        member = JObject.Parse(stackSet.MemberTemplate);
        return TestStacks.Json(stack);
    }

    private static JObject WithoutSuppressions(JObject template)
    {
        foreach (var resource in ((JObject)template["Resources"]!).Properties())
        {
            (resource.Value["Metadata"] as JObject)?.Remove(NagSuppressions.MetadataKey);
        }

        return template;
    }

    private static Stack WithControl(Stack stack)
    {
        _ = new ManagedPolicy(stack, ControlPolicyId, new ManagedPolicyProps
        {
            Statements = [new PolicyStatement(new PolicyStatementProps { Actions = ["s3:GetObject"], Resources = ["*"] })],
        });
        return stack;
    }

    private string Write(string name, JObject template)
    {
        var path = Path.Combine(_directory, name + ".template.json");
        File.WriteAllText(path, template.ToString());
        return path;
    }
}
