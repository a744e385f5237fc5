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

    private const int MaxStatusChecks = 1000;
    private static readonly TimeSpan StatusCheckInterval = TimeSpan.FromMilliseconds(5);

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
        await CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        return table;
    }

    /// <summary>
    /// Creates a table and returns once it is ACTIVE, as CloudFormation does. As in DynamoDB, a table answers
    /// CreateTable while still CREATING, and item requests then find no such table: dynalite makes it ACTIVE on a
    /// later turn of its event loop, which a loaded machine lets a test's next request overtake.
    /// </summary>
    public async Task CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Client.CreateTableAsync(request, cancellationToken);
        await WaitForStatusAsync(request.TableName, TableStatus.ACTIVE, cancellationToken);
    }

    /// <summary>
    /// Deletes a table and returns once DynamoDB no longer knows it, as CloudFormation does; a table that is already
    /// gone throws <see cref="ResourceNotFoundException"/>. A deleted table stays DELETING, and listed, until a later
    /// turn of dynalite's event loop.
    /// </summary>
    public async Task DeleteTableAsync(string table, CancellationToken cancellationToken = default)
    {
        await Client.DeleteTableAsync(table, cancellationToken);
        await WaitForStatusAsync(table, wanted: null, cancellationToken);
    }

    /// <summary>Asks until the table has the wanted status, or, for <c>null</c>, is gone.</summary>
    private async Task WaitForStatusAsync(string table, TableStatus? wanted, CancellationToken cancellationToken)
    {
        for (var check = 1; ; check++)
        {
            TableStatus? status;
            try
            {
                status = (await Client.DescribeTableAsync(table, cancellationToken)).Table.TableStatus;
            }
            catch (ResourceNotFoundException)
            {
                status = null;
            }

            if (status == wanted)
            {
                return;
            }

            if (check == MaxStatusChecks)
            {
                throw new InvalidOperationException($"dynalite's table {table} is {status?.Value ?? "gone"}, not {wanted?.Value ?? "gone"}, after {check} checks.");
            }

            // What is awaited is a turn of dynalite's event loop; the pause only spares it a busy loop of requests.
            await Task.Delay(StatusCheckInterval, cancellationToken);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _server.Dispose();
    }
}
