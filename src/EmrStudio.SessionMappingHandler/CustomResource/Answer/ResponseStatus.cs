namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

internal static class ResponseStatus
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}
