namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>A DynamoDB condition expression with its placeholders (<c>#name</c> and <c>:value</c>).</summary>
internal sealed record ConditionalWrite(
    string Expression, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<string, AttributeValue> Values);
