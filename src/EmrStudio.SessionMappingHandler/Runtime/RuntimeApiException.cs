namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>The Runtime API refused one call (a 4xx such as an unknown request id or a too-large body).</summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
