namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>
/// An event the handler will not answer: its ResponseURL is not one CloudFormation would send, so nothing is PUT and
/// the invocation is reported to Lambda as an error. The message names the check, never the URL's query string.
/// </summary>
internal sealed class RefusedEventException : Exception
{
    public RefusedEventException(string message)
        : base(message)
    {
    }
}
