using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.Testing.Emulators;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>One dynalite for the tests of a collection, and the handler's own DynamoDB client talking to it.</summary>
public sealed class DynaliteFixture : IDisposable
{
    public DynaliteFixture() => Dynalite = Dynalite.Start();

    public Dynalite Dynalite { get; }

    internal CollectingLog Log { get; } = new();

    /// <summary>The handler's client, signing as the handler would, with millisecond backoff.</summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The handlers belong to the client, which the test disposes.")]
    internal DynamoDbClient CreateClient()
    {
        var connections = HttpHandlerFactory.Create(CertificateTrust.Resolve(new DictionaryEnvironment()), TimeSpan.FromSeconds(2));
        var signing = AwsHttpCaller.CreateSigningHandler(
            new BasicAWSCredentials(Dynalite.AccessKeyId, Dynalite.SecretAccessKey), Dynalite.Region, AwsService.DynamoDb, connections);
        return new DynamoDbClient(new AwsHttpCaller(
            new HttpMessageInvoker(signing, disposeHandler: true),
            Dynalite.BaseAddress,
            DynamoDbJsonProtocol.Instance,
            "dynamodb",
            TimeProvider.System,
            new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), new Random(7)),
            Log,
            TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => Dynalite.Dispose();
}
