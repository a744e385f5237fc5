using EmrStudio.SessionMappingHandler.Aws;


namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>AWS JSON 1.0 as DynamoDB speaks it: <c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>, errors as <see cref="DynamoDbException"/>.</summary>
internal sealed class DynamoDbJsonProtocol : AwsJsonProtocol
{
    private DynamoDbJsonProtocol()
        : base("DynamoDB_20120810", "1.0", static (status, type, message) => new DynamoDbException(status, type, message))
    {
    }

    public static DynamoDbJsonProtocol Instance { get; } = new();
}
