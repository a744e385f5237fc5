namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>What the Runtime API says about one invocation besides its event.</summary>
internal sealed class InvocationContext
{
    public required string AwsRequestId { get; init; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public required DateTimeOffset Deadline { get; init; }

    public string? InvokedFunctionArn { get; init; }

    public string? TraceId { get; init; }
}
