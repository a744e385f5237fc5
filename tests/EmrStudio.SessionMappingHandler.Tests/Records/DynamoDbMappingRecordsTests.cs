using Amazon.DynamoDBv2.Model;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing;
using Xunit;
using SdkValue = Amazon.DynamoDBv2.Model.AttributeValue;

namespace EmrStudio.SessionMappingHandler.Tests.Records;

/// <summary>The record store over the wire, against dynalite, and read back by the AWS SDK as DynamoDB would serve it.</summary>
[Collection(DynaliteCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class DynamoDbMappingRecordsTests
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/0a1b2c3d-0000-4000-8000-000000000001";

    private readonly DynaliteFixture _fixture;

    public DynamoDbMappingRecordsTests(DynaliteFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task WriteAsync_NewRecord_ReadsBackEqualWithVersionOne()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var written = await records.WriteAsync(Active("DataScientists"), readVersion: null, CancellationToken.None);
            var read = await records.ReadAsync(StackId, "DataScientists", CancellationToken.None);

            Assert.Equal(1, written.Version);
            Assert.NotNull(read);
            Assert.Equal(written with { History = [] }, read with { History = [] });
            Assert.Equal(written.History.Single().Data, read.History.Single().Data);
            Assert.Equal(written.History.Single() with { Data = null }, read.History.Single() with { Data = null });
        }
    }

    [Fact]
    public async Task WriteAsync_ItemExistsButNoVersionExpected_FailsTheCondition()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            await records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None);

            var error = await Assert.ThrowsAsync<DynamoDbException>(() => records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None));

            Assert.True(error.IsConditionalCheckFailed, error.Message);
        }
    }

    [Fact]
    public async Task WriteAsync_StaleVersion_FailsTheConditionAndKeepsTheNewerItem()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var first = await records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None);
            await records.WriteAsync(Active("A", "arn:aws:iam::123456789012:policy/V2"), first.Version, CancellationToken.None);

            var error = await Assert.ThrowsAsync<DynamoDbException>(
                () => records.WriteAsync(Active("A", "arn:aws:iam::123456789012:policy/V3"), first.Version, CancellationToken.None));

            Assert.True(error.IsConditionalCheckFailed);
            var read = await records.ReadAsync(StackId, "A", CancellationToken.None);
            Assert.Equal("arn:aws:iam::123456789012:policy/V2", read!.Desired!.SessionPolicyArn);
            Assert.Equal(2, read.Version);
        }
    }

    [Fact]
    public async Task RevertAsync_ToPreviousRecord_RestoresItsContentAtANewerVersion()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var previous = await records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None);
            var written = await records.WriteAsync(Tombstone("A"), previous.Version, CancellationToken.None);

            await records.RevertAsync(StackId, "A", previous, written.Version, CancellationToken.None);

            var read = await records.ReadAsync(StackId, "A", CancellationToken.None);
            Assert.Equal(RecordState.Active, read!.State);
            Assert.Equal(3, read.Version);
        }
    }

    [Fact]
    public async Task RevertAsync_ToNothing_RemovesTheItem()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var written = await records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None);

            await records.RevertAsync(StackId, "A", previous: null, written.Version, CancellationToken.None);

            Assert.Null(await records.ReadAsync(StackId, "A", CancellationToken.None));
        }
    }

    [Fact]
    public async Task RevertAsync_ItemChangedSinceTheWrite_FailsTheCondition()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var written = await records.WriteAsync(Active("A"), readVersion: null, CancellationToken.None);
            await records.WriteAsync(Tombstone("A"), written.Version, CancellationToken.None);

            var error = await Assert.ThrowsAsync<DynamoDbException>(
                () => records.RevertAsync(StackId, "A", previous: null, written.Version, CancellationToken.None));

            Assert.True(error.IsConditionalCheckFailed);
        }
    }

    [Fact]
    public async Task ScanAsync_PagesOfSeven_ReturnEveryRecordOnceAndSkipTheCheckpoint()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var names = Enumerable.Range(0, 30).Select(i => $"Mapping{i:D2}").ToList();
            foreach (var name in names)
            {
                await records.WriteAsync(Active(name), readVersion: null, CancellationToken.None);
            }

            await records.WriteCheckpointAsync(new ReconcileCheckpoint(null, [], DateTimeOffset.UnixEpoch), CancellationToken.None);

            var seen = new List<string>();
            string? position = null;
            var pages = 0;
            do
            {
                var page = await records.ScanAsync(position, 7, CancellationToken.None);
                seen.AddRange(page.Records.Select(r => r.LogicalResourceId));
                position = page.ContinueAfter;
                pages++;
            }
            while (position is not null);

            Assert.Equal(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            Assert.InRange(pages, 5, 6);
        }
    }

    [Fact]
    public async Task WriteCheckpointAsync_ThenRead_GivesTheSameCheckpoint()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            var checkpoint = new ReconcileCheckpoint("some|key", ["a|1", "b|2"], DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

            await records.WriteCheckpointAsync(checkpoint, CancellationToken.None);
            var read = await records.ReadCheckpointAsync(CancellationToken.None);

            Assert.Equal(checkpoint.ContinueAfter, read!.ContinueAfter);
            Assert.Equal(checkpoint.Retry, read.Retry);
            Assert.Equal(checkpoint.SavedAt, read.SavedAt);
        }
    }

    [Fact]
    public async Task WriteAsync_Item_IsWhatTheSdkReadsWithDynamoDbTypes()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            await records.WriteAsync(Tombstone("A"), readVersion: null, CancellationToken.None);

            var item = (await _fixture.Dynalite.Client.GetItemAsync(new GetItemRequest
            {
                TableName = records.Table,
                Key = new() { ["pk"] = new SdkValue { S = $"{StackId}|A" } },
                ConsistentRead = true,
            })).Item;

            Assert.Equal("DELETED", item["State"].S);
            Assert.Equal("1", item["Version"].N);
            Assert.Equal("1800003600", item["ExpiresAt"].N);
            var answer = Assert.Single(item["History"].L).M;
            Assert.Equal("SUCCESS", answer["Status"].S);
            Assert.False(item.ContainsKey("SessionPolicyArn"));
        }
    }

    [Fact]
    public async Task ReadAsync_ItemTheSdkWroteWithOtherKinds_ReadsTheKnownMembers()
    {
        var (records, client) = await NewStoreAsync();
        using (client)
        {
            await _fixture.Dynalite.Client.PutItemAsync(new PutItemRequest
            {
                TableName = records.Table,
                Item = new()
                {
                    ["pk"] = new SdkValue { S = $"{StackId}|A" },
                    ["StackId"] = new SdkValue { S = StackId },
                    ["LogicalResourceId"] = new SdkValue { S = "A" },
                    ["LastRequestId"] = new SdkValue { S = "r-1" },
                    ["State"] = new SdkValue { S = "ACTIVE" },
                    ["StudioId"] = new SdkValue { S = "es-ABC" },
                    ["IdentityType"] = new SdkValue { S = "GROUP" },
                    ["IdentityId"] = new SdkValue { S = "g-1" },
                    ["SessionPolicyArn"] = new SdkValue { S = "arn:aws:iam::123456789012:policy/P" },
                    ["Version"] = new SdkValue { N = "4" },
                    ["Note"] = new SdkValue { BOOL = true },
                    ["Tags"] = new SdkValue { SS = ["x", "y"] },
                },
            });

            var read = await records.ReadAsync(StackId, "A", CancellationToken.None);

            Assert.Equal(RecordState.Active, read!.State);
            Assert.Equal(new DesiredMapping("es-ABC", null, "GROUP", "g-1", null, "arn:aws:iam::123456789012:policy/P"), read.Desired);
            Assert.Equal(4, read.Version);
        }
    }

    [Fact]
    public async Task ReadAsync_TableDoesNotExist_ThrowsDynamoDbsOwnError()
    {
        using var client = _fixture.CreateClient();
        var records = new DynamoDbMappingRecords(client, "no-such-table");

        var error = await Assert.ThrowsAsync<DynamoDbException>(() => records.ReadAsync(StackId, "A", CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", error.ErrorType);
        Assert.Equal("Requested resource not found", error.ErrorMessage);
    }

    private async Task<(DynamoDbMappingRecords Records, DynamoDbClient Client)> NewStoreAsync()
    {
        var table = await _fixture.Dynalite.CreateRecordTableAsync();
        var client = _fixture.CreateClient();
        return (new DynamoDbMappingRecords(client, table), client);
    }

    private static MappingRecord Active(string logicalId, string policy = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist") => new()
    {
        StackId = StackId,
        LogicalResourceId = logicalId,
        State = RecordState.Active,
        PhysicalResourceId = "emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666",
        Desired = new DesiredMapping(
            "es-0123456789ABCDEFGHIJKLMNO", "analytics", "GROUP", "9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666", "data-scientists", policy),
        LastRequestId = "r-create",
        LastRequestType = "Create",
        LastIssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
        LastActedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_001),
        History =
        [
            new RecordedAnswer(
                "r-create",
                "SUCCESS",
                "emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666",
                null,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["StudioId"] = "es-0123456789ABCDEFGHIJKLMNO", ["CreationTime"] = "2027-01-15T08:00:00Z" }),
        ],
    };

    private static MappingRecord Tombstone(string logicalId) => new()
    {
        StackId = StackId,
        LogicalResourceId = logicalId,
        State = RecordState.Deleted,
        PhysicalResourceId = "emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/g-1",
        LastRequestId = "r-delete",
        LastRequestType = "Delete",
        LastIssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
        LastActedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
        History = [new RecordedAnswer("r-delete", "SUCCESS", "emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/g-1", null, null)],
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_800_003_600),
    };
}
