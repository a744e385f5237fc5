namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// How one attempt of an EMR call ended: an answer (<see cref="Status"/> and <see cref="Body"/>, with
/// <see cref="Error"/> when it was an error), or no answer at all (<see cref="Transport"/>, named by
/// <see cref="TransportKind"/> for the log).
/// </summary>
internal readonly record struct EmrAttemptOutcome(int Status, byte[] Body, EmrException? Error, Exception? Transport, string? TransportKind);
