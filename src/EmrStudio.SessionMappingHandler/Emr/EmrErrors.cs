namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// EMR's error answers that the handler acts on, word for word: the handler recognises them (<c>EmrException</c>)
/// and the test fakes send them, from this one file (compiled into the test fakes too).
/// </summary>
internal static class EmrErrors
{
    /// <summary>The namespace EMR's JSON 1.1 <c>__type</c> puts before an error type.</summary>
    public const string TypeNamespace = "com.amazonaws.emr.v20090331#";

    public const string InvalidRequest = "InvalidRequestException";

    public const string Validation = "ValidationException";

    public const string Throttling = "ThrottlingException";

    public const string InternalServerError = "InternalServerError";

    /// <summary>Recognised by this phrase alone, whatever EMR puts around it.</summary>
    public const string MappingNotFoundPhrase = "session mapping does not exist";

    public const string MappingNotFound = "Studio " + MappingNotFoundPhrase + ".";

    /// <summary>Recognised by this phrase alone, whatever EMR puts around it.</summary>
    public const string AlreadyExistsPhrase = "already exists";

    public const string MappingAlreadyExists = "Studio session mapping " + AlreadyExistsPhrase + ".";

    /// <summary>Recognised at the start of the message.</summary>
    public const string StudioNotFound = "Studio does not exist";

    /// <summary>The principal is not (or no longer) in the Identity Store; recognised at the start of the message.</summary>
    public const string IdentityIdInvalid = "IdentityId is invalid";

    public const string IdentityNameInvalid = "IdentityName is invalid";

    public const string RateExceeded = "Rate exceeded";
}
