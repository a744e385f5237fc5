namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>CloudFormation never accepted the answer: every attempt failed or the time ran out.</summary>
internal sealed class ResponseDeliveryException : Exception
{
    public ResponseDeliveryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
