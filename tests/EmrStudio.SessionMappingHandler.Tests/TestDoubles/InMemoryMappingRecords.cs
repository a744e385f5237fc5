using System.Globalization;
using EmrStudio.SessionMappingHandler.Records;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// The record store in memory, with DynamoDB's conditional-write semantics (a lost race is a
/// ConditionalCheckFailedException, as DynamoDbMappingRecords reports it from dynalite) and scripted failures.
/// </summary>
internal sealed class InMemoryMappingRecords : IMappingRecords
{
    private readonly SortedDictionary<string, MappingRecord> _items = new(StringComparer.Ordinal);
    private readonly Queue<Exception> _readFailures = new();
    private readonly Queue<Exception> _writeFailures = new();
    private ReconcileCheckpoint? _checkpoint;

    public List<string> Calls { get; } = [];

    public IReadOnlyCollection<MappingRecord> All => _items.Values;

    public static DynamoDbException Unavailable() => new(500, "InternalServerError", "Internal server error");

    public MappingRecord? Find(string stackId, string logicalResourceId) =>
        _items.GetValueOrDefault(MappingRecordItem.KeyOf(stackId, logicalResourceId));

    /// <summary>A record that exists before the test's events.</summary>
    public void Seed(MappingRecord record) => _items[MappingRecordItem.KeyOf(record.StackId, record.LogicalResourceId)] = record;

    /// <summary>The next read fails with <paramref name="error"/>.</summary>
    public void FailNextRead(Exception error) => _readFailures.Enqueue(error);

    /// <summary>The next write (a put, a revert or a drop) fails with <paramref name="error"/> and changes nothing.</summary>
    public void FailNextWrite(Exception error) => _writeFailures.Enqueue(error);

    public Task<MappingRecord?> ReadAsync(string stackId, string logicalResourceId, CancellationToken cancellationToken) =>
        ReadByKeyAsync(MappingRecordItem.KeyOf(stackId, logicalResourceId), cancellationToken);

    public Task<MappingRecord?> ReadByKeyAsync(string key, CancellationToken cancellationToken)
    {
        Calls.Add("Read " + key);
        cancellationToken.ThrowIfCancellationRequested();
        if (_readFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        return Task.FromResult(_items.GetValueOrDefault(key));
    }

    public Task<MappingRecord> WriteAsync(MappingRecord record, long? readVersion, CancellationToken cancellationToken)
    {
        var key = MappingRecordItem.KeyOf(record.StackId, record.LogicalResourceId);
        EnterWrite("Write", key, readVersion, cancellationToken);
        var written = record with { Version = (readVersion ?? 0) + 1 };
        _items[key] = written;
        return Task.FromResult(written);
    }

    public Task RevertAsync(string stackId, string logicalResourceId, MappingRecord? previous, long writtenVersion, CancellationToken cancellationToken)
    {
        var key = MappingRecordItem.KeyOf(stackId, logicalResourceId);
        EnterWrite("Revert", key, writtenVersion, cancellationToken);
        if (previous is null)
        {
            _items.Remove(key);
        }
        else
        {
            _items[key] = previous with { Version = writtenVersion + 1 };
        }

        return Task.CompletedTask;
    }

    public Task DropAsync(MappingRecord record, CancellationToken cancellationToken)
    {
        var key = MappingRecordItem.KeyOf(record.StackId, record.LogicalResourceId);
        EnterWrite("Drop", key, record.Version, cancellationToken);
        _items.Remove(key);
        return Task.CompletedTask;
    }

    public Task<RecordPage> ScanAsync(string? continueAfter, int limit, CancellationToken cancellationToken)
    {
        Calls.Add("Scan");
        cancellationToken.ThrowIfCancellationRequested();
        var page = _items.Where(pair => continueAfter is null || string.CompareOrdinal(pair.Key, continueAfter) > 0).Take(limit).ToList();
        var more = page.Count == limit && _items.Keys.Any(key => string.CompareOrdinal(key, page[^1].Key) > 0);
        return Task.FromResult(new RecordPage([.. page.Select(pair => pair.Value)], more ? page[^1].Key : null));
    }

    public Task<ReconcileCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(_checkpoint);

    public Task WriteCheckpointAsync(ReconcileCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoint = checkpoint;
        return Task.CompletedTask;
    }

    private void EnterWrite(string call, string key, long? expectedVersion, CancellationToken cancellationToken)
    {
        Calls.Add(call);
        cancellationToken.ThrowIfCancellationRequested();
        if (_writeFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        var current = _items.GetValueOrDefault(key);
        if (expectedVersion is null ? current is not null : current?.Version != expectedVersion)
        {
            throw new DynamoDbException(
                400,
                "ConditionalCheckFailedException",
                $"The conditional request failed (expected version {expectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}).");
        }
    }
}
