namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// Where the next reconcile run starts: after <see cref="ContinueAfter"/> in the table (null: at its start), and
/// first with <see cref="Retry"/>, the records whose check failed in the run before, so that none is passed over in
/// two runs in a row.
/// </summary>
internal sealed record ReconcileCheckpoint(string? ContinueAfter, IReadOnlyList<string> Retry, DateTimeOffset SavedAt);
