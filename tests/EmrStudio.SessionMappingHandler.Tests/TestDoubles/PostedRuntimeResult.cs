using EmrStudio.SessionMappingHandler.Runtime;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>What the invocation loop reported for one invocation through <see cref="FakeRuntimeApiClient"/>.</summary>
internal sealed class PostedRuntimeResult
{
    public required string RequestId { get; init; }

    /// <summary>True for <c>/error</c>, false for <c>/response</c>.</summary>
    public required bool IsError { get; init; }

    /// <summary>The response body (UTF-8); empty for an error.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>The error body; null for a response.</summary>
    public RuntimeErrorBody? Error { get; init; }
}
