using System.Text.Json.Nodes;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.CloudFormationApi;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Hosting;
using EmrStudio.Testing.Runtime;

namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// Everything the handler talks to in one scenario: EMR with one studio and a few principals (some with non-ASCII
/// names), the Lambda Runtime API, and CloudFormation's ResponseURLs. <see cref="HandlerEnvironment"/> is what Lambda
/// would set for a function wired to these fakes.
/// </summary>
public sealed class ScenarioWorld : IAsyncDisposable
{
    public const string StudioId = "es-SCENARIO0123456789ABCDEFG";
    public const string MissingStudioId = "es-DELETEDSTUDIO0123456789";
    public const string PolicyArn = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist";
    public const string OtherPolicyArn = "arn:aws:iam::123456789012:policy/team/EmrStudioDataScientistV2";

    /// <summary>A session token as Lambda's role credentials carry one: a secret no log may show.</summary>
    public const string SessionToken = "IQoJb3JpZ2luX2VjEScenarioSessionTokenMustNeverBeLogged0123456789abcdef";

    private ScenarioWorld(ScenarioTransport transport, TestCertificateAuthority? authority)
    {
        Transport = transport;
        Authority = authority;
        Events = new CustomResourceEventBuilder(Receiver);
        CloudFormation = new FakeCloudFormation(name => name == CustomResourceEventBuilder.StackId && StackStatus is { } status
            ? new FakeStackDescription("analytics", name, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, status)
            : null);
        CloudFormation.AddCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey);
        DataScientists = Emr.AddGroup("data-scientists");
        Analysts = Emr.AddGroup("analysts");
        Alice = Emr.AddUser("alice");
        NonAsciiUser = Emr.AddUser("Zoë Ångström-李雷 🚀");
        NonAsciiGroup = Emr.AddGroup("데이터-과학자");
        Emr.AddStudio(StudioId);
    }

    public ScenarioTransport Transport { get; }

    public TestCertificateAuthority? Authority { get; }

    public FakeEmr Emr { get; } = new();

    public FakeRuntimeApi Runtime { get; } = new();

    /// <summary>CloudFormation's DescribeStacks for the events' stack, which is in <see cref="StackStatus"/>.</summary>
    public FakeCloudFormation CloudFormation { get; }

    /// <summary>What DescribeStacks says of <see cref="CustomResourceEventBuilder.StackId"/>; null when the stack does not exist.</summary>
    public string? StackStatus { get; set; } = "UPDATE_IN_PROGRESS";

    public ResponseUrlReceiver Receiver { get; } = new();

    /// <summary>A receiver the handler is not told to trust: no request may ever reach it.</summary>
    public ResponseUrlReceiver Trap { get; } = new();

    public CustomResourceEventBuilder Events { get; }

    public FakeIdentity DataScientists { get; }

    public FakeIdentity Analysts { get; }

    public FakeIdentity Alice { get; }

    public FakeIdentity NonAsciiUser { get; }

    public FakeIdentity NonAsciiGroup { get; }

    /// <summary>The variables a function wired to these fakes runs with (credentials apart: runners add them).</summary>
    public IReadOnlyDictionary<string, string> HandlerEnvironment
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AWS_LAMBDA_RUNTIME_API"] = Runtime.RuntimeApiAddress,
                ["AWS_ENDPOINT_URL_EMR"] = Emr.BaseAddress.ToString(),
                ["AWS_ENDPOINT_URL_CLOUDFORMATION"] = CloudFormation.BaseAddress.ToString(),
                ["AWS_REGION"] = FakeEmr.Region,
                ["AWS_LAMBDA_FUNCTION_NAME"] = "session-mapping",
                // The receiver plays CloudFormation's S3 on loopback: the handler answers there only because it is listed.
                ["EMRSTUDIO_TRUSTED_RESPONSE_HOSTS"] = Receiver.TrustedHostEntry,
            };
            if (Transport == ScenarioTransport.TrustedHttps)
            {
                variables["SSL_CERT_FILE"] = Authority!.CaFile;
            }

            return variables;
        }
    }

    public static async Task<ScenarioWorld> StartAsync(ScenarioTransport transport = ScenarioTransport.PlainHttp)
    {
        var authority = transport == ScenarioTransport.PlainHttp ? null : new TestCertificateAuthority();
        var world = new ScenarioWorld(transport, authority);
        try
        {
            await world.Emr.StartAsync(authority);
            await world.CloudFormation.StartAsync(authority);
            await world.Runtime.StartAsync();
            await world.Receiver.StartAsync(transport == ScenarioTransport.TrustedHttps ? authority : null);
            await world.Trap.StartAsync();
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }

        return world;
    }

    /// <summary>The properties of a mapping in this world's studio, by name or by id, with the first policy.</summary>
    public JsonObject PropertiesByName(FakeIdentity identity, string? policyArn = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return CustomResourceEventBuilder.Properties(StudioId, identity.IdentityType, policyArn ?? PolicyArn, identityName: identity.Name);
    }

    public JsonObject PropertiesById(FakeIdentity identity, string? policyArn = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return CustomResourceEventBuilder.Properties(StudioId, identity.IdentityType, policyArn ?? PolicyArn, identityId: identity.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Trap.DisposeAsync();
        await Receiver.DisposeAsync();
        await Runtime.DisposeAsync();
        await CloudFormation.DisposeAsync();
        await Emr.DisposeAsync();
        Authority?.Dispose();
    }
}
