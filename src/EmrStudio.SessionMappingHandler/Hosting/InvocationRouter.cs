using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.Hosting;

/// <summary>
/// One function serves two kinds of invocation: CloudFormation's events, and the schedule's reconcile event. The
/// reconcile event is recognised by its one member; everything else goes to the custom-resource handler, which
/// judges it as it would any event.
/// </summary>
internal sealed class InvocationRouter : IInvocationHandler
{
    private readonly IInvocationHandler _customResources;
    private readonly IInvocationHandler _reconcile;
    private readonly InvokedFunction _function;

    public InvocationRouter(IInvocationHandler customResources, IInvocationHandler reconcile, InvokedFunction function)
    {
        _customResources = customResources;
        _reconcile = reconcile;
        _function = function;
    }

    public Task HandleAsync(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken cancellationToken)
    {
        _function.Observe(context);
        return ReconcileEvent.Matches(eventBody)
            ? _reconcile.HandleAsync(eventBody, context, cancellationToken)
            : _customResources.HandleAsync(eventBody, context, cancellationToken);
    }
}
