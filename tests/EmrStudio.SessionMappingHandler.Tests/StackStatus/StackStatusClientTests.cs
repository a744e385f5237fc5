using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.SessionMappingHandler.StackStatus;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormationApi;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Iam;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.StackStatus;

/// <summary>DescribeStacks over the Query protocol, signed for CloudFormation, against a fake that validates both.</summary>
public sealed class StackStatusClientTests : IAsyncLifetime
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";

    private readonly Dictionary<string, FakeStackDescription> _stacks = new(StringComparer.Ordinal);
    private readonly CollectingLog _log = new();
    private FakeCloudFormation _cloudFormation = null!;

    public async Task InitializeAsync()
    {
        _cloudFormation = new FakeCloudFormation(name => _stacks.GetValueOrDefault(name));
        _cloudFormation.AddCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey);
        await _cloudFormation.StartAsync();
    }

    public async Task DisposeAsync() => await _cloudFormation.DisposeAsync();

    [Theory]
    [InlineData("UPDATE_ROLLBACK_IN_PROGRESS")]
    [InlineData("UPDATE_IN_PROGRESS")]
    [InlineData("DELETE_COMPLETE")]
    public async Task GetStackStatusAsync_StackExists_ReadsItsStatusFromASignedQueryCall(string status)
    {
        Describe(status);
        using var client = CreateClient();

        Assert.Equal(status, await client.GetStackStatusAsync(StackId, Token()));

        var request = Assert.Single(_cloudFormation.Requests);
        Assert.Equal(200, request.StatusCode);
        Assert.Equal("DescribeStacks", request.Parameters["Action"]);
        Assert.Equal(StackId, request.Parameters["StackName"]);
        Assert.Equal("2010-05-15", request.Parameters["Version"]);
    }

    [Fact]
    public async Task GetStackStatusAsync_NoSuchStack_IsNull()
    {
        using var client = CreateClient();

        Assert.Null(await client.GetStackStatusAsync(StackId, Token()));
    }

    [Fact]
    public async Task GetStackStatusAsync_Throttled_RetriesUntilItGetsAnAnswer()
    {
        Describe("UPDATE_ROLLBACK_IN_PROGRESS");
        _cloudFormation.ThrottleFraction = 0.6;
        using var client = CreateClient();

        Assert.Equal("UPDATE_ROLLBACK_IN_PROGRESS", await client.GetStackStatusAsync(StackId, Token()));
        Assert.Contains(_cloudFormation.Requests, request => request.StatusCode == 400);
    }

    [Fact]
    public async Task GetStackStatusAsync_AlwaysThrottled_TheDeadlineNamesTheThrottling()
    {
        Describe("UPDATE_ROLLBACK_IN_PROGRESS");
        _cloudFormation.ThrottleFraction = 1;
        var time = new WatchedTimeProvider();
        // The wait after the first throttled call outlasts the deadline, which so ends the call during that wait.
        var wait = TimeSpan.FromSeconds(1);
        using var client = CreateClient(time: time, backoff: TestBackoffs.Exactly(wait));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300), time);

        var call = client.GetStackStatusAsync(StackId, deadline.Token);
        await time.WaitForTimerAsync(wait);
        time.Advance(TimeSpan.FromMilliseconds(300));

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
        Assert.Equal("Throttling", Assert.IsAssignableFrom<AwsServiceException>(cancelled.InnerException).ErrorType);
        Assert.Single(_cloudFormation.Requests);
    }

    [Fact]
    public async Task GetStackStatusAsync_AccessDenied_ThrowsAtOnceWithAwssMessage()
    {
        Describe("UPDATE_ROLLBACK_IN_PROGRESS");
        _cloudFormation.Authorizer = new DenyingAuthorizer();
        using var client = CreateClient();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetStackStatusAsync(StackId, Token()));

        Assert.Equal("AccessDenied", error.ErrorType);
        Assert.Contains("cloudformation:DescribeStacks", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(_cloudFormation.Requests);
    }

    [Fact]
    public async Task GetStackStatusAsync_WrongSecret_IsRefusedByTheSignatureCheck()
    {
        Describe("UPDATE_ROLLBACK_IN_PROGRESS");
        using var client = CreateClient(new BasicAWSCredentials(FakeEmr.AccessKeyId, "not-the-secret"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetStackStatusAsync(StackId, Token()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorType);
    }

    [Fact]
    public void Create_ProductionWiring_ResolvesWithoutCallingAnything()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1")), AwsService.CloudFormation);

        using var client = StackStatusClient.Create(endpoint, CertificateTrust.Resolve(new DictionaryEnvironment()), new DefaultChainCredentials(), _log);

        Assert.NotNull(client);
    }

    private void Describe(string status) =>
        _stacks[StackId] = new FakeStackDescription("analytics", StackId, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, status);

    /// <summary>
    /// A client whose attempt timeouts and waits run on <paramref name="time"/>, a fake clock unless given one, that
    /// moves only when a test moves it; it retries at once unless given a backoff.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The client owns its handlers.")]
    private StackStatusClient CreateClient(AWSCredentials? credentials = null, TimeProvider? time = null, Backoff? backoff = null)
    {
        // The connect timeout runs on the real clock; it only has to outlast a loopback connection on a loaded machine.
        var connections = HttpHandlerFactory.Create(CertificateTrust.Resolve(new DictionaryEnvironment()), HangGuard.Limit);
        var signing = AwsHttpCaller.CreateSigningHandler(
            credentials ?? new BasicAWSCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey), FakeEmr.Region, AwsService.CloudFormation, connections);
        return new StackStatusClient(new AwsHttpCaller(
            new HttpMessageInvoker(signing, disposeHandler: true),
            _cloudFormation.BaseAddress,
            QueryProtocol.CloudFormation,
            "cloudformation",
            time ?? new WatchedTimeProvider(),
            backoff ?? TestBackoffs.Immediate,
            _log,
            TimeSpan.FromSeconds(2)));
    }

    private static CancellationToken Token() => HangGuard.Deadline();

    private sealed class DenyingAuthorizer : IAccessAuthorizer
    {
        public AccessDecision Authorize(string accessKeyId, string action, string resource) =>
            AccessDecision.Deny("arn:aws:sts::123456789012:assumed-role/handler/session", action, resource, "because no identity-based policy allows the " + action + " action");
    }
}
