namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// The desired-state records, one per resource. Writes are conditional on the version the writer read, so that two
/// deliveries of one resource's events can never both act. Every method throws <see cref="DynamoDbException"/> (a
/// lost race is <see cref="DynamoDbException.IsConditionalCheckFailed"/>) or <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IMappingRecords
{
    Task<MappingRecord?> ReadAsync(string stackId, string logicalResourceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="record"/> as the next version after <paramref name="readVersion"/> (null: the item must
    /// not exist yet) and returns it with that version.
    /// </summary>
    Task<MappingRecord> WriteAsync(MappingRecord record, long? readVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Puts back <paramref name="previous"/> (null: removes the item) over the version this event wrote, <paramref name="writtenVersion"/>:
    /// the undo of a write whose event did not complete.
    /// </summary>
    Task RevertAsync(string stackId, string logicalResourceId, MappingRecord? previous, long writtenVersion, CancellationToken cancellationToken);

    /// <summary>Removes the record, if it is still at the version read.</summary>
    Task DropAsync(MappingRecord record, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> items of the table after <paramref name="continueAfter"/>, the records among them.</summary>
    Task<RecordPage> ScanAsync(string? continueAfter, int limit, CancellationToken cancellationToken);

    /// <summary>The record stored under <paramref name="key"/> (as <see cref="MappingRecordItem.KeyOf"/> builds it), or null.</summary>
    Task<MappingRecord?> ReadByKeyAsync(string key, CancellationToken cancellationToken);

    Task<ReconcileCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken);

    Task WriteCheckpointAsync(ReconcileCheckpoint checkpoint, CancellationToken cancellationToken);
}
