using EmrStudio.SessionMappingHandler.Aws;


namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>An error answer from DynamoDB.</summary>
internal sealed class DynamoDbException : AwsServiceException
{
    public DynamoDbException(int statusCode, string errorType, string errorMessage)
        : base(statusCode, errorType, errorMessage)
    {
    }

    /// <summary>A conditional write found the item changed since it was read.</summary>
    public bool IsConditionalCheckFailed => ErrorType == "ConditionalCheckFailedException";

    public override AwsServiceException AfterUnconfirmed() =>
        new DynamoDbException(StatusCode, ErrorType, ErrorMessage) { AfterUnconfirmedAttempt = true };
}
