namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>An error answer from an AWS service, with the error type stripped of its namespace prefix.</summary>
internal class AwsServiceException : Exception
{
    public AwsServiceException(int statusCode, string errorType, string errorMessage)
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

    /// <summary>Throttling and server-side errors are worth another attempt; everything else is final.</summary>
    public bool IsRetryable =>
        StatusCode >= 500
        || ErrorType is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "ProvisionedThroughputExceededException";

    /// <summary>The same error, marked as having come after an attempt without a definite answer.</summary>
    public virtual AwsServiceException AfterUnconfirmed() =>
        new(StatusCode, ErrorType, ErrorMessage) { AfterUnconfirmedAttempt = true };
}
