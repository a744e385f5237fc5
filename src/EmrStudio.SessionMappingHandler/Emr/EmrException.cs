using EmrStudio.SessionMappingHandler.Aws;


namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>An error answer from EMR, with the messages EMR is known to send recognised by name.</summary>
internal sealed class EmrException : AwsServiceException
{
    public EmrException(int statusCode, string errorType, string errorMessage)
        : base(statusCode, errorType, errorMessage)
    {
    }

    public bool IsInvalidRequest => ErrorType == "InvalidRequestException";

    /// <summary>"Studio session mapping does not exist."</summary>
    public bool IsMappingNotFound =>
        IsInvalidRequest && ErrorMessage.Contains("session mapping does not exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Studio does not exist"</summary>
    public bool IsStudioNotFound =>
        IsInvalidRequest && ErrorMessage.StartsWith("Studio does not exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>"IdentityId is invalid": the principal is not (or no longer) in the Identity Store.</summary>
    public bool IsIdentityUnknown =>
        IsInvalidRequest && ErrorMessage.StartsWith("IdentityId is invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Studio session mapping already exists."</summary>
    public bool IsAlreadyExists =>
        IsInvalidRequest && ErrorMessage.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    public override AwsServiceException AfterUnconfirmed() =>
        new EmrException(StatusCode, ErrorType, ErrorMessage) { AfterUnconfirmedAttempt = true };
}
