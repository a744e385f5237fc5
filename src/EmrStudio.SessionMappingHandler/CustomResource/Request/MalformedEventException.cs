namespace EmrStudio.SessionMappingHandler.CustomResource.Request;

/// <summary>
/// The event cannot be answered at all (no usable ResponseURL, or echo fields that no valid answer could carry). The
/// message never contains the event's ResponseURL.
/// </summary>
internal sealed class MalformedEventException : Exception
{
    public MalformedEventException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
