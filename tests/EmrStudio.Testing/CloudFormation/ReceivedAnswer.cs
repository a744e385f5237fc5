namespace EmrStudio.Testing.CloudFormation;

/// <summary>One answer that <see cref="ResponseUrlReceiver"/> accepted, as CloudFormation would read it.</summary>
public sealed class ReceivedAnswer
{
    public required string RawBody { get; init; }

    public required int BodyBytes { get; init; }

    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? StackId { get; init; }

    public string? RequestId { get; init; }

    public string? LogicalResourceId { get; init; }

    public bool? NoEcho { get; init; }

    /// <summary>Data's members as raw JSON text (strings without their quotes), or null when absent.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}
