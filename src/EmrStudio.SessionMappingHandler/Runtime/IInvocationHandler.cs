namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>Handles one event. Returning normally reports the invocation as succeeded; throwing reports it as an error.</summary>
internal interface IInvocationHandler
{
    Task HandleAsync(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken cancellationToken);
}
