namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>One page of a Scan: its items, and the key to continue from (null after the last page).</summary>
internal sealed record ScanPage(
    IReadOnlyList<IReadOnlyDictionary<string, AttributeValue>> Items, IReadOnlyDictionary<string, AttributeValue>? LastEvaluatedKey);
