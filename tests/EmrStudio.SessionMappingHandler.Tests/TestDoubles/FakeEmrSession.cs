using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Hosting;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A running <see cref="FakeEmr"/> with one studio, one user and one group, and a client that talks to it.</summary>
internal sealed class FakeEmrSession : IAsyncDisposable
{
    public const string StudioId = "es-0123456789ABCDEFGHIJKLMNO";
    public const string PolicyArn = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist";
    public const string OtherPolicyArn = "arn:aws:iam::123456789012:policy/EmrStudioAdmin";

    private FakeEmrSession(FakeEmr emr, FakeIdentity user, FakeIdentity group)
    {
        Emr = emr;
        User = user;
        Group = group;
    }

    public FakeEmr Emr { get; }

    public FakeIdentity User { get; }

    public FakeIdentity Group { get; }

    public CollectingLog Log { get; } = new();

    [SuppressMessage("Reliability", "CA2000", Justification = "The session owns the fake and disposes it.")]
    public static async Task<FakeEmrSession> StartAsync(TestCertificateAuthority? tls = null)
    {
        var emr = new FakeEmr();
        await emr.StartAsync(tls);
        emr.AddStudio(StudioId);
        return new FakeEmrSession(emr, emr.AddUser("alice"), emr.AddGroup("data-scientists"));
    }

    /// <summary>
    /// A client signing with the fake's credentials unless told otherwise. Its attempt timeouts (5 s unless told) and
    /// backoff waits run on <paramref name="time"/>, a fake clock unless given one, which moves only when a test moves
    /// it: no attempt is abandoned because the machine is slow. It retries at once unless given a backoff.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the client, which the test disposes.")]
    public EmrClient CreateClient(
        TimeSpan? attemptTimeout = null,
        CertificateTrust? trust = null,
        AWSCredentials? credentials = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapConnections = null,
        TimeProvider? time = null,
        Backoff? backoff = null)
    {
        // The connect timeout runs on the real clock; it only has to outlast a loopback connection on a loaded machine.
        HttpMessageHandler connections = HttpHandlerFactory.Create(trust ?? CertificateTrust.Resolve(new DictionaryEnvironment()), HangGuard.Limit);
        connections = wrapConnections?.Invoke(connections) ?? connections;
        var signing = AwsHttpCaller.CreateSigningHandler(
            credentials ?? new BasicAWSCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey), FakeEmr.Region, AwsService.Emr, connections);
        return new EmrClient(new AwsHttpCaller(
            new HttpMessageInvoker(signing, disposeHandler: true),
            Emr.BaseAddress,
            EmrJsonProtocol.Instance,
            "emr",
            time ?? new WatchedTimeProvider(),
            backoff ?? TestBackoffs.Immediate,
            Log,
            attemptTimeout ?? TimeSpan.FromSeconds(5)));
    }

    public StudioSessionMappingInput Input(FakeIdentity identity, bool byName = false, string policyArn = PolicyArn) => new()
    {
        StudioId = StudioId,
        IdentityType = identity.IdentityType,
        IdentityId = byName ? null : identity.Id,
        IdentityName = byName ? identity.Name : null,
        SessionPolicyArn = policyArn,
    };

    public StudioSessionMappingKey Key(FakeIdentity identity, bool byName = false, string studioId = StudioId) => new()
    {
        StudioId = studioId,
        IdentityType = identity.IdentityType,
        IdentityId = byName ? null : identity.Id,
        IdentityName = byName ? identity.Name : null,
    };

    public async ValueTask DisposeAsync() => await Emr.DisposeAsync();
}
