namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>The answer given to one event, kept so that a second delivery of that event gets the same answer.</summary>
internal sealed record RecordedAnswer(
    string RequestId, string Status, string PhysicalResourceId, string? Reason, IReadOnlyDictionary<string, string>? Data);
