namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>
/// The Runtime API answered 500 (or cannot be used at all): Lambda expects the process to exit now, and it will
/// start a fresh one.
/// </summary>
internal sealed class RuntimeApiFatalException : Exception
{
    public RuntimeApiFatalException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
