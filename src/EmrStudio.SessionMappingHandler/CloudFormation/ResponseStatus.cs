namespace EmrStudio.SessionMappingHandler.CloudFormation;

internal static class ResponseStatus
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}
