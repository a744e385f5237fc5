namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>An error answer from EMR, with the error type stripped of its namespace prefix.</summary>
internal sealed class EmrException : Exception
{
    public EmrException(int statusCode, string errorType, string errorMessage)
        : base($"{errorType}: {errorMessage}")
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    public int StatusCode { get; }

    public string ErrorType { get; }

    public string ErrorMessage { get; }

    /// <summary>
    /// True when an earlier attempt of the same call failed without a definite answer (a dropped connection, a
    /// timeout, a 5xx) before this error came: a Create that now says "already exists" may have been our own.
    /// </summary>
    public bool AfterUnconfirmedAttempt { get; init; }

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

    /// <summary>Throttling and server-side errors are worth another attempt; everything else is final.</summary>
    public bool IsRetryable =>
        StatusCode >= 500 || ErrorType is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded";
}
