using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>An error answer from EMR, with the messages EMR is known to send (<see cref="EmrErrors"/>) recognised by name.</summary>
internal sealed class EmrException : AwsServiceException
{
    public EmrException(int statusCode, string errorType, string errorMessage)
        : base(statusCode, errorType, errorMessage)
    {
    }

    public bool IsInvalidRequest => ErrorType == EmrErrors.InvalidRequest;

    /// <summary><see cref="EmrErrors.MappingNotFound"/></summary>
    public bool IsMappingNotFound =>
        IsInvalidRequest && ErrorMessage.Contains(EmrErrors.MappingNotFoundPhrase, StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="EmrErrors.StudioNotFound"/></summary>
    public bool IsStudioNotFound =>
        IsInvalidRequest && ErrorMessage.StartsWith(EmrErrors.StudioNotFound, StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="EmrErrors.IdentityIdInvalid"/>: the principal is not (or no longer) in the Identity Store.</summary>
    public bool IsIdentityUnknown =>
        IsInvalidRequest && ErrorMessage.StartsWith(EmrErrors.IdentityIdInvalid, StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="EmrErrors.MappingAlreadyExists"/></summary>
    public bool IsAlreadyExists =>
        IsInvalidRequest && ErrorMessage.Contains(EmrErrors.AlreadyExistsPhrase, StringComparison.OrdinalIgnoreCase);

    public override AwsServiceException AfterUnconfirmed() =>
        new EmrException(StatusCode, ErrorType, ErrorMessage) { AfterUnconfirmedAttempt = true };
}
