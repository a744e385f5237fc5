namespace EmrStudio.Testing.Runtime;

/// <summary>What the runtime posted for one invocation: its response, or its error.</summary>
public sealed class RuntimeResult
{
    public required string RequestId { get; init; }

    /// <summary>True for <c>/error</c>, false for <c>/response</c>.</summary>
    public required bool IsError { get; init; }

    public required string Body { get; init; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header, if sent.</summary>
    public string? ErrorTypeHeader { get; init; }

    public string? ContentType { get; init; }

    /// <summary>When the fake had read the whole post (the benchmark's end of a cold start).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
