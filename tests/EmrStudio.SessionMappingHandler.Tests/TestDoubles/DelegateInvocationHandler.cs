using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

internal sealed class DelegateInvocationHandler : IInvocationHandler
{
    private readonly Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task> _handle;

    public DelegateInvocationHandler(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task> handle)
    {
        _handle = handle;
    }

    public Task HandleAsync(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken cancellationToken) =>
        _handle(eventBody, context, cancellationToken);
}
