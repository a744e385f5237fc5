using System.Globalization;

namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>The records in one DynamoDB table (<c>EMRSTUDIO_RECORD_TABLE</c>), keyed by <c>pk</c>.</summary>
internal sealed class DynamoDbMappingRecords : IMappingRecords
{
    public const string TableVariable = "EMRSTUDIO_RECORD_TABLE";

    private const string CheckpointKey = MappingRecordItem.ReservedKeyPrefix + "reconcile";

    private readonly IDynamoDbClient _dynamoDb;
    private readonly string _table;

    public DynamoDbMappingRecords(IDynamoDbClient dynamoDb, string table)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        _dynamoDb = dynamoDb;
        _table = table;
    }

    public string Table => _table;

    public Task<MappingRecord?> ReadAsync(string stackId, string logicalResourceId, CancellationToken cancellationToken) =>
        ReadByKeyAsync(MappingRecordItem.KeyOf(stackId, logicalResourceId), cancellationToken);

    public async Task<MappingRecord?> ReadByKeyAsync(string key, CancellationToken cancellationToken)
    {
        var item = await _dynamoDb.GetItemAsync(_table, MappingRecordItem.Key(key), cancellationToken);
        return item is null ? null : MappingRecordItem.FromItem(item);
    }

    public async Task<MappingRecord> WriteAsync(MappingRecord record, long? readVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var written = record with { Version = (readVersion ?? 0) + 1 };
        await _dynamoDb.PutItemAsync(_table, MappingRecordItem.ToItem(written), AtVersion(readVersion), cancellationToken);
        return written;
    }

    public async Task RevertAsync(
        string stackId, string logicalResourceId, MappingRecord? previous, long writtenVersion, CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            await _dynamoDb.DeleteItemAsync(
                _table, MappingRecordItem.Key(MappingRecordItem.KeyOf(stackId, logicalResourceId)), AtVersion(writtenVersion), cancellationToken);
            return;
        }

        // Versions only grow: the reverted item is a newer version with the older content.
        var reverted = previous with { Version = writtenVersion + 1 };
        await _dynamoDb.PutItemAsync(_table, MappingRecordItem.ToItem(reverted), AtVersion(writtenVersion), cancellationToken);
    }

    public Task DropAsync(MappingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _dynamoDb.DeleteItemAsync(
            _table, MappingRecordItem.Key(MappingRecordItem.KeyOf(record.StackId, record.LogicalResourceId)), AtVersion(record.Version), cancellationToken);
    }

    public async Task<RecordPage> ScanAsync(string? continueAfter, int limit, CancellationToken cancellationToken)
    {
        var page = await _dynamoDb.ScanAsync(_table, continueAfter is null ? null : MappingRecordItem.Key(continueAfter), limit, cancellationToken);
        var records = page.Items.Select(MappingRecordItem.FromItem).OfType<MappingRecord>().ToList();
        var next = page.LastEvaluatedKey is { } key && key.TryGetValue(MappingRecordItem.KeyAttribute, out var pk) ? pk.S : null;
        return new RecordPage(records, next);
    }

    public async Task<ReconcileCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var item = await _dynamoDb.GetItemAsync(_table, MappingRecordItem.Key(CheckpointKey), cancellationToken);
        if (item is null)
        {
            return null;
        }

        var continueAfter = item.TryGetValue("ContinueAfter", out var position) ? position.S : null;
        var retry = item.TryGetValue("Retry", out var list) && list.L is { } keys ? keys.Select(key => key.S).OfType<string>().ToList() : [];
        var savedAt = item.TryGetValue("SavedAt", out var saved) && saved.AsLong() is { } seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;
        return new ReconcileCheckpoint(continueAfter, retry, savedAt);
    }

    public Task WriteCheckpointAsync(ReconcileCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var item = MappingRecordItem.Key(CheckpointKey);
        if (checkpoint.ContinueAfter is { } position)
        {
            item["ContinueAfter"] = AttributeValue.String(position);
        }

        item["Retry"] = AttributeValue.List([.. checkpoint.Retry.Select(AttributeValue.String)]);
        item["SavedAt"] = AttributeValue.Number(checkpoint.SavedAt.ToUnixTimeSeconds());
        return _dynamoDb.PutItemAsync(_table, item, condition: null, cancellationToken);
    }

    private static ConditionalWrite AtVersion(long? version) => version is { } expected
        ? new ConditionalWrite(
            "#version = :version",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["#version"] = MappingRecordItem.VersionAttribute },
            new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":version"] = AttributeValue.Number(expected.ToString(CultureInfo.InvariantCulture)) })
        : new ConditionalWrite(
            "attribute_not_exists(#key)",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["#key"] = MappingRecordItem.KeyAttribute },
            new Dictionary<string, AttributeValue>(StringComparer.Ordinal));
}
