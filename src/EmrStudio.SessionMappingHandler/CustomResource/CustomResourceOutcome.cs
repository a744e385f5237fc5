namespace EmrStudio.SessionMappingHandler.CustomResource;

/// <summary>What to answer CloudFormation, and how to undo the work if that answer cannot be delivered.</summary>
internal sealed record CustomResourceOutcome
{
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public required string PhysicalResourceId { get; init; }

    public Dictionary<string, string>? Data { get; init; }

    /// <summary>
    /// Set when this outcome created something that CloudFormation will not know about unless the answer arrives
    /// (a Create, or the new resource of a replacing Update): called when delivery fails, so nothing leaks.
    /// </summary>
    public Func<CancellationToken, Task>? UndoIfUndelivered { get; init; }

    /// <summary>Counters and facts for the outcome's log line (EMR calls, retries, ...).</summary>
    public IReadOnlyDictionary<string, object?>? LogFields { get; init; }
}
