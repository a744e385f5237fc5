namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>One event handed out by <c>/runtime/invocation/next</c>.</summary>
internal sealed class RuntimeInvocation
{
    public required ReadOnlyMemory<byte> Body { get; init; }

    public required InvocationContext Context { get; init; }
}
