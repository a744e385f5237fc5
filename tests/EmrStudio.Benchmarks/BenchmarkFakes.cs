using System.Globalization;
using System.Text.Json.Nodes;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Emulators;
using EmrStudio.Testing.Hosting;

namespace EmrStudio.Benchmarks;

/// <summary>
/// EMR and the ResponseURL over HTTPS on loopback, with a private CA made for this run that the handler trusts the way a
/// user trusts one (<c>SSL_CERT_FILE</c>). EMR answers at once: what is measured is the handler, not the service.
/// With the record, DynamoDB is dynalite over plain HTTP on loopback: the handler's GetItem and PutItem are measured,
/// the TLS handshake a real DynamoDB endpoint adds is not (the EMR phase shows what one handshake costs).
/// </summary>
internal sealed class BenchmarkFakes : IAsyncDisposable
{
    public const string StudioId = "es-0123456789ABCDEFGHIJKLMNO";
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    private const string ServiceToken = "arn:aws:lambda:us-east-1:123456789012:function:session-mapping";

    private readonly IReadOnlyDictionary<string, string> _extraEnvironment;
    private int _events;

    private BenchmarkFakes(
        TestCertificateAuthority authority, FakeEmr emr, ResponseUrlReceiver receiver, Dynalite? dynalite, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        _extraEnvironment = extraEnvironment;
        Dynalite = dynalite;
        Authority = authority;
        Emr = emr;
        Receiver = receiver;
    }

    public TestCertificateAuthority Authority { get; }

    public FakeEmr Emr { get; }

    public ResponseUrlReceiver Receiver { get; }

    /// <summary>The record's DynamoDB, when the handler has its record.</summary>
    public Dynalite? Dynalite { get; }

    /// <param name="withRecord">Start dynalite and give every handler process a record table on it.</param>
    /// <param name="extraEnvironment">Set for every handler process on top of the Lambda-like environment.</param>
    public static async Task<BenchmarkFakes> StartAsync(bool withRecord, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var authority = new TestCertificateAuthority();
        var emr = new FakeEmr();
        var receiver = new ResponseUrlReceiver();
        await emr.StartAsync(authority);
        await receiver.StartAsync(authority);
        emr.AddStudio(StudioId);
        var environment = new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal);
        Dynalite? dynalite = null;
        if (withRecord)
        {
            dynalite = Dynalite.Start();
            environment.TryAdd("EMRSTUDIO_RECORD_TABLE", await dynalite.CreateRecordTableAsync());
            environment.TryAdd("AWS_ENDPOINT_URL_DYNAMODB", dynalite.BaseAddress.ToString());
        }

        return new BenchmarkFakes(authority, emr, receiver, dynalite, environment);
    }

    /// <summary>A Create for a group of its own, so that every event makes a new mapping and answers SUCCESS.</summary>
    public CreateEvent NextCreate()
    {
        var number = Interlocked.Increment(ref _events);
        var group = Emr.AddGroup(string.Create(CultureInfo.InvariantCulture, $"benchmark-group-{number}"));
        var requestId = Guid.NewGuid().ToString();
        var logicalId = string.Create(CultureInfo.InvariantCulture, $"DataScientists{number}");
        var responseUrl = Receiver.CreateResponseUrl(StackId, requestId, logicalId);
        var body = new JsonObject
        {
            ["RequestType"] = "Create",
            ["ServiceToken"] = ServiceToken,
            ["ResponseURL"] = responseUrl,
            ["StackId"] = StackId,
            ["RequestId"] = requestId,
            ["ResourceType"] = "Custom::EmrStudioSessionMapping",
            ["LogicalResourceId"] = logicalId,
            ["ResourceProperties"] = new JsonObject
            {
                ["ServiceToken"] = ServiceToken,
                ["StudioId"] = StudioId,
                ["IdentityType"] = "GROUP",
                ["IdentityName"] = group.Name,
                ["SessionPolicyArn"] = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist",
            },
        };
        return new CreateEvent(body.ToJsonString(), string.Create(CultureInfo.InvariantCulture, $"lambda-{number}"), responseUrl, group.Name);
    }

    /// <summary>When EMR received the first call made for <paramref name="create"/> (its CreateStudioSessionMapping).</summary>
    public DateTimeOffset FirstEmrCallAt(CreateEvent create) =>
        Emr.Requests.First(request => request.Body?["IdentityName"]?.GetValue<string>() == create.GroupName).ReceivedAt;

    /// <summary>
    /// What Lambda's provided.al2023 sets for a function, plus the fakes' addresses. Nothing else from this process's
    /// environment leaks in (only PATH and DOTNET_ROOT, which the JIT build's host needs).
    /// </summary>
    public Dictionary<string, string> HandlerEnvironment(string runtimeApiAddress, string taskRoot)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApiAddress,
            ["AWS_REGION"] = FakeEmr.Region,
            ["AWS_DEFAULT_REGION"] = FakeEmr.Region,
            ["AWS_ACCESS_KEY_ID"] = FakeEmr.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeEmr.SecretAccessKey,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "session-mapping",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/session-mapping",
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["LAMBDA_RUNTIME_DIR"] = "/var/runtime",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["AWS_ENDPOINT_URL_EMR"] = Emr.BaseAddress.ToString(),
            ["SSL_CERT_FILE"] = Authority.CaFile,
            ["EMRSTUDIO_TRUSTED_RESPONSE_HOSTS"] = Receiver.TrustedHostEntry,
        };
        foreach (var inherited in (ReadOnlySpan<string>)["PATH", "DOTNET_ROOT"])
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value)
            {
                environment[inherited] = value;
            }
        }

        foreach (var (name, value) in _extraEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Emr.DisposeAsync();
        Dynalite?.Dispose();
        Authority.Dispose();
    }
}
