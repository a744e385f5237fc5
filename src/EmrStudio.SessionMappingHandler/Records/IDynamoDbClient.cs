namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// The DynamoDB operations the record needs. Every method throws <see cref="DynamoDbException"/> for an answer
/// DynamoDB gave (after retrying throttling and 5xx within the token's lifetime; a failed condition is
/// <see cref="DynamoDbException.IsConditionalCheckFailed"/>) and <see cref="OperationCanceledException"/> when the
/// token ends first.
/// </summary>
internal interface IDynamoDbClient
{
    /// <summary>The item with <paramref name="key"/>, read consistently, or null when there is none.</summary>
    Task<IReadOnlyDictionary<string, AttributeValue>?> GetItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> key, CancellationToken cancellationToken);

    Task PutItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> item, ConditionalWrite? condition, CancellationToken cancellationToken);

    Task DeleteItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> key, ConditionalWrite? condition, CancellationToken cancellationToken);

    /// <summary>One page of the table, read consistently, from <paramref name="exclusiveStartKey"/> (null: the start).</summary>
    Task<ScanPage> ScanAsync(
        string table, IReadOnlyDictionary<string, AttributeValue>? exclusiveStartKey, int limit, CancellationToken cancellationToken);
}
