namespace EmrStudio.Testing.Runtime;

/// <summary>An event queued on <see cref="FakeRuntimeApi"/>, with the headers that <c>/next</c> sends with it.</summary>
public sealed class RuntimeEvent
{
    public required byte[] Body { get; init; }

    public required string RequestId { get; init; }

    public required DateTimeOffset Deadline { get; init; }

    public string? FunctionArn { get; init; }

    public string? TraceId { get; init; }
}
