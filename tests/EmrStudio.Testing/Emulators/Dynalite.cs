using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace EmrStudio.Testing.Emulators;

/// <summary>
/// dynalite, a DynamoDB implementation, in memory on a free loopback port. It speaks DynamoDB's JSON protocol with
/// its validation and errors (conditional writes, paging), but accepts any signature and has no TTL: items never
/// expire, so tests judge expiry by the ExpiresAt attribute and their own clock.
/// </summary>
public sealed class Dynalite : IDisposable
{
    public const string AccessKeyId = "AKIDDYNALITE";
    public const string SecretAccessKey = "dynalite-secret";
    public const string Region = "us-east-1";

    private readonly NodeServer _server;

    private Dynalite(NodeServer server)
    {
        _server = server;
        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = server.BaseAddress.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 0 });
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The AWS SDK's own client, for setting tables up and for checking what the handler wrote as the SDK reads it.</summary>
    public AmazonDynamoDBClient Client { get; }

    public static Dynalite Start() => new(NodeServer.Start(TestEmulators.Packages, "dynalite.js"));

    /// <summary>Creates a table shaped as the shipped templates declare the record table: one string hash key, <c>pk</c>.</summary>
    public async Task<string> CreateRecordTableAsync(string? name = null)
    {
        var table = name ?? $"records-{Guid.NewGuid():N}";
        await Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        return table;
    }

    public void Dispose()
    {
        Client.Dispose();
        _server.Dispose();
    }
}
