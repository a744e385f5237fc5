namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>What the handler needs to know of an AWS service to reach it: its signing name, endpoint prefix and override variable.</summary>
/// <param name="SigningName">The SigV4 service name, for example <c>elasticmapreduce</c>.</param>
/// <param name="EndpointPrefix">The first label of the regional endpoint's host.</param>
/// <param name="EndpointVariable">The SDK-wide service-specific endpoint override, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>.</param>
internal sealed record AwsService(string SigningName, string EndpointPrefix, string EndpointVariable)
{
    public static AwsService Emr { get; } = new("elasticmapreduce", "elasticmapreduce", "AWS_ENDPOINT_URL_EMR");

    public static AwsService CloudFormation { get; } = new("cloudformation", "cloudformation", "AWS_ENDPOINT_URL_CLOUDFORMATION");

    public static AwsService DynamoDb { get; } = new("dynamodb", "dynamodb", "AWS_ENDPOINT_URL_DYNAMODB");

    public static AwsService SecurityToken { get; } = new("sts", "sts", "AWS_ENDPOINT_URL_STS");
}
