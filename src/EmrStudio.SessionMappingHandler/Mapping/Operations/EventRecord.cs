using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Records;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// One event's view of its resource's record: read once before the event acts, then written as the operation
/// decides, each write conditional on the version this event last saw, so that two deliveries of events for one
/// resource can never both act. With no table configured, every method does nothing.
/// </summary>
/// <remarks>
/// The record holds what the resource last asked for and the answers to its latest events. A delivery of an event
/// already answered gets that answer again; one issued before the resource's last event is not acted on. A write
/// that cannot be made throws: the operation then undoes its EMR work and fails.
/// </remarks>
internal sealed class EventRecord
{
    /// <summary>
    /// How long a tombstone outlives its Delete: the longest time an event can still arrive (CloudFormation's
    /// largest ServiceTimeout, which the shipped templates also give Lambda as the event's maximum age) and a margin.
    /// </summary>
    public static readonly TimeSpan TombstoneLifetime = TimeSpan.FromSeconds(EventAge.MaxServiceTimeoutSeconds) + TimeSpan.FromMinutes(15);

    private readonly IMappingRecords? _records;
    private readonly CloudFormationRequest _request;
    private readonly MappingRecord? _read;
    private readonly DateTimeOffset _issuedAt;
    private readonly TimeProvider _time;
    private MappingRecord? _written;

    private EventRecord(IMappingRecords? records, CloudFormationRequest request, MappingRecord? read, DateTimeOffset issuedAt, TimeProvider time)
    {
        _records = records;
        _request = request;
        _read = read;
        _issuedAt = issuedAt;
        _time = time;
        State = records is null ? "off" : "read";
    }

    /// <summary>What happened to the record, for the event's log line.</summary>
    public string State { get; private set; }

    /// <summary>The record as this event found it.</summary>
    public MappingRecord? Found => _read;

    public static EventRecord Off(CloudFormationRequest request, TimeProvider time) => new(null, request, null, time.GetUtcNow(), time);

    /// <summary>Reads the resource's record. Throws what the store throws.</summary>
    public static async Task<EventRecord> ReadAsync(IMappingRecords records, CloudFormationRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = await records.ReadAsync(request.StackId, request.LogicalResourceId, cancellationToken);
        return new EventRecord(records, request, read, EventAge.IssuedAt(request.ResponseUrl) ?? time.GetUtcNow(), time);
    }

    /// <summary>The answer already given to this very event, when it was delivered before; null otherwise.</summary>
    public CustomResourceOutcome? Replay()
    {
        if (_read?.AnswerTo(_request.RequestId) is not { } answer)
        {
            return null;
        }

        State = "replayed";
        return new CustomResourceOutcome
        {
            Status = answer.Status,
            Reason = answer.Reason,
            PhysicalResourceId = answer.PhysicalResourceId,
            Data = answer.Data?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>Why this event must not act because the resource has moved on since it was issued; null when it may act.</summary>
    public string? StaleReason()
    {
        if (_read is null || _issuedAt >= _read.LastIssuedAt)
        {
            return null;
        }

        State = "stale";
        return $"Record: this event was issued before the resource's last event ({_read.LastRequestType} {_read.LastRequestId}) " +
            "and was not acted on: it is an old delivery of an event CloudFormation has already moved past";
    }

    /// <summary>Records that the resource's mapping is <paramref name="physicalResourceId"/>, wanted as <paramref name="desired"/>.</summary>
    public Task WriteActiveAsync(string physicalResourceId, DesiredMapping desired, CustomResourceOutcome answer, CancellationToken cancellationToken) =>
        WriteAsync(Next(answer) with { State = RecordState.Active, PhysicalResourceId = physicalResourceId, Desired = desired, ExpiresAt = null }, cancellationToken);

    /// <summary>Records that the resource has no mapping (a tombstone that DynamoDB removes after <see cref="TombstoneLifetime"/>).</summary>
    public Task WriteDeletedAsync(CustomResourceOutcome answer, CancellationToken cancellationToken) =>
        WriteAsync(Next(answer) with { State = RecordState.Deleted, ExpiresAt = _time.GetUtcNow() + TombstoneLifetime }, cancellationToken);

    /// <summary>
    /// Records the answer only, the desired state unchanged; with no record yet, a tombstone holds it (so that a
    /// second delivery of a failed event gets the same failure, not a second chance to act).
    /// </summary>
    public Task WriteAnswerAsync(CustomResourceOutcome answer, CancellationToken cancellationToken)
    {
        var current = _written ?? _read;
        return current is null
            ? WriteDeletedAsync(answer, cancellationToken)
            : WriteAsync(Next(answer), cancellationToken);
    }

    /// <summary>
    /// Puts the record back as this event found it: exactly, when the event's answer never reached CloudFormation;
    /// with <paramref name="failedAnswer"/> in its history, when the event failed after writing.
    /// </summary>
    public async Task RevertAsync(CustomResourceOutcome? failedAnswer, CancellationToken cancellationToken)
    {
        if (_records is null || _written is null)
        {
            return;
        }

        if (failedAnswer is null)
        {
            await _records.RevertAsync(_request.StackId, _request.LogicalResourceId, _read, _written.Version, cancellationToken);
            _written = null;
            State = "reverted";
            return;
        }

        // The state as found, the failure added to its history; with nothing found, a tombstone that holds the failure.
        var restored = Next(failedAnswer, basis: _read);
        if (_read is null)
        {
            restored = restored with { ExpiresAt = _time.GetUtcNow() + TombstoneLifetime };
        }

        _written = await _records.WriteAsync(restored, _written.Version, cancellationToken);
        State = "reverted";
    }

    /// <summary>Whether this event has written the record (and so has something to revert).</summary>
    public bool HasWritten => _written is not null;

    private async Task WriteAsync(MappingRecord next, CancellationToken cancellationToken)
    {
        if (_records is null)
        {
            return;
        }

        try
        {
            _written = await _records.WriteAsync(next, (_written ?? _read)?.Version, cancellationToken);
            State = "written";
        }
        catch
        {
            State = "write-failed";
            throw;
        }
    }

    /// <summary>The record after this event, answered with <paramref name="answer"/>, before the caller sets its desired state.</summary>
    private MappingRecord Next(CustomResourceOutcome answer) => Next(answer, _written ?? _read);

    private MappingRecord Next(CustomResourceOutcome answer, MappingRecord? basis) => new()
    {
        StackId = _request.StackId,
        LogicalResourceId = _request.LogicalResourceId,
        State = basis?.State ?? RecordState.Deleted,
        PhysicalResourceId = basis?.PhysicalResourceId,
        Desired = basis?.Desired,
        ExpiresAt = basis?.ExpiresAt,
        LastRequestId = _request.RequestId,
        LastRequestType = _request.RequestType,
        LastIssuedAt = _issuedAt,
        LastActedAt = _time.GetUtcNow(),
        History = WithHistory(basis, answer),
        Version = basis?.Version ?? 0,
    };

    private IReadOnlyList<RecordedAnswer> WithHistory(MappingRecord? basis, CustomResourceOutcome answer)
    {
        var recorded = new RecordedAnswer(_request.RequestId, answer.Status, answer.PhysicalResourceId, answer.Reason, answer.Data);
        return basis is null ? [recorded] : basis.HistoryWith(recorded);
    }
}
