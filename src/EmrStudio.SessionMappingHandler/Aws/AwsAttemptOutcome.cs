namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// How one attempt of an AWS call ended: an answer (<see cref="Status"/> and <see cref="Body"/>, with
/// <see cref="Error"/> when it was an error), or no answer at all (<see cref="Transport"/>, named by
/// <see cref="TransportKind"/> for the log).
/// </summary>
internal readonly record struct AwsAttemptOutcome(int Status, byte[] Body, AwsServiceException? Error, Exception? Transport, string? TransportKind);
