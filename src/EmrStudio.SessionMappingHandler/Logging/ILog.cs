namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// Structured logging, one JSON object per line. Field values are strings, numbers or booleans; the implementation
/// redacts anything that looks like a pre-signed URL's query string or a credential.
/// </summary>
internal interface ILog
{
    void Write(LogLevel level, string message, params ReadOnlySpan<KeyValuePair<string, object?>> fields);

    /// <summary>A logger that adds <paramref name="fields"/> to every line it writes (request id, StackId, ...).</summary>
    ILog With(params ReadOnlySpan<KeyValuePair<string, object?>> fields);
}
