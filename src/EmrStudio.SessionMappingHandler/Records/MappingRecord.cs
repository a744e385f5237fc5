namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// What one resource (a stack's logical resource) last asked for, and the events it was asked in: the desired
/// state that reconcile re-applies, and the answers a redelivered event gets again.
/// </summary>
internal sealed record MappingRecord
{
    /// <summary>How many answers are kept: a redelivered event is answered from here, not acted on again.</summary>
    public const int HistoryLength = 10;

    public required string StackId { get; init; }

    public required string LogicalResourceId { get; init; }

    public required RecordState State { get; init; }

    /// <summary>The resource's current mapping id (its PhysicalResourceId), when it has one.</summary>
    public string? PhysicalResourceId { get; init; }

    /// <summary>The desired mapping; set when <see cref="State"/> is <see cref="RecordState.Active"/>.</summary>
    public DesiredMapping? Desired { get; init; }

    public required string LastRequestId { get; init; }

    public required string LastRequestType { get; init; }

    /// <summary>When CloudFormation issued the last event acted on (its ResponseURL's X-Amz-Date, else its arrival).</summary>
    public required DateTimeOffset LastIssuedAt { get; init; }

    public required DateTimeOffset LastActedAt { get; init; }

    /// <summary>The answers to the latest events, newest first, at most <see cref="HistoryLength"/>.</summary>
    public IReadOnlyList<RecordedAnswer> History { get; init; } = [];

    /// <summary>When DynamoDB may remove the item (a tombstone's TTL); null for an active record.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The item's version when it was read; every write is conditional on it.</summary>
    public long Version { get; init; }

    public RecordedAnswer? AnswerTo(string requestId) => History.FirstOrDefault(answer => answer.RequestId == requestId);

    /// <summary>This record with <paramref name="answer"/> first in its history, the oldest answers dropped past the limit.</summary>
    public IReadOnlyList<RecordedAnswer> HistoryWith(RecordedAnswer answer) =>
        [answer, .. History.Where(old => old.RequestId != answer.RequestId).Take(HistoryLength - 1)];
}
