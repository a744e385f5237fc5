using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.StackStatus;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// The EMR Studio session mapping behind <c>Custom::EmrStudioSessionMapping</c>: reads the resource's record,
/// answers a redelivered event from it, dispatches the rest to their operation, records what they did, and turns
/// whatever goes wrong into a FAILED outcome with the right PhysicalResourceId, because an exception here would leave
/// CloudFormation waiting for an answer.
/// </summary>
internal sealed class SessionMappingOperations : ICustomResourceProvider
{
    private readonly IEmrClient _emr;
    private readonly IStackStatusReader _stacks;
    private readonly IMappingRecords? _records;
    private readonly ILog _log;
    private readonly TimeProvider _time;

    /// <param name="emr">EMR's mapping API.</param>
    /// <param name="stacks">Whether a stack is rolling back.</param>
    /// <param name="records">The desired-state records; null when no table is configured (nothing is recorded).</param>
    /// <param name="log">The event's log.</param>
    /// <param name="time">The clock.</param>
    public SessionMappingOperations(IEmrClient emr, IStackStatusReader stacks, IMappingRecords? records, ILog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(emr);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        _emr = emr;
        _stacks = stacks;
        _records = records;
        _log = log;
        _time = time;
    }

    public async Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recorder = new RecordingEmrClient(_emr);
        var fallbackId = PhysicalResourceIds.FallbackFor(request);
        var record = EventRecord.Off(request, _time);
        MappingResult result;
        try
        {
            if (_records is not null && request.RequestType is "Create" or "Update" or "Delete")
            {
                record = await EventRecord.ReadAsync(_records, request, _time, cancellationToken);
            }

            result = await ExecuteAsync(request, recorder, record, fallbackId, cleanupAllowance, cancellationToken);
        }
        catch (Exception error) when (_records is not null && record.State == "off")
        {
            result = MappingResult.Failed(MappingAction.Failed, fallbackId, $"Record: could not be read: {ReasonText.Describe(error)}");
        }
        catch (Exception error)
        {
            _log.Write(LogLevel.Error, "Session mapping event failed unexpectedly", new KeyValuePair<string, object?>("error", ReasonText.Describe(error)));
            result = MappingResult.Failed(
                MappingAction.Failed, fallbackId, $"{ReasonText.Echo(request.RequestType)} failed: {ReasonText.Describe(error)}");
        }

        var fields = new Dictionary<string, object?>(recorder.ToLogFields(result.Action, result.StackStatus), StringComparer.Ordinal)
        {
            ["record"] = record.State,
        };
        return result.Outcome with { LogFields = fields };
    }

    private async Task<MappingResult> ExecuteAsync(
        CloudFormationRequest request, RecordingEmrClient recorder, EventRecord record, string fallbackId, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        if (record.Replay() is { } replay)
        {
            return new MappingResult(MappingAction.Replayed, replay);
        }

        if (record.StaleReason() is { } stale)
        {
            return MappingResult.Failed(MappingAction.Stale, fallbackId, stale);
        }

        var creator = new MappingCreator(recorder, _log, _time, cleanupAllowance);
        var takeover = new MappingTakeover(recorder, _log);
        var result = request.RequestType switch
        {
            "Create" => await new CreateOperation(recorder, creator, takeover).ExecuteAsync(request, cancellationToken),
            "Update" => await new UpdateOperation(recorder, creator, takeover, _stacks, record).ExecuteAsync(request, fallbackId, cancellationToken),
            "Delete" => await new DeleteOperation(recorder, record).ExecuteAsync(request, fallbackId, cancellationToken),
            _ => UnknownRequestType(request, fallbackId),
        };
        if (request.RequestType is not ("Create" or "Update" or "Delete"))
        {
            return result;
        }

        result = await SettleRecordAsync(result, record, fallbackId, cleanupAllowance, cancellationToken);
        return WithRecordUndo(result, record);
    }

    /// <summary>
    /// Records what a finished operation did: the mapping it left (undoing its EMR work when that cannot be recorded),
    /// or, for a failure, the answer (and the state as it was, if the operation had written already). A failure's
    /// answer is recorded on a best-effort basis: a redelivery of the event then fails the same way instead of acting.
    /// </summary>
    private async Task<MappingResult> SettleRecordAsync(
        MappingResult result, EventRecord record, string fallbackId, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        if (result.Succeeded && result.Desired is { } desired)
        {
            try
            {
                await record.WriteActiveAsync(result.Outcome.PhysicalResourceId, desired, result.Outcome, cancellationToken);
                return result;
            }
            catch (Exception error)
            {
                var undone = await UndoAsync(result.Outcome.UndoIfUndelivered, cleanupAllowance, cancellationToken);
                result = MappingResult.Failed(result.Action, fallbackId, $"Record: could not be written ({ReasonText.Describe(error)}); {undone}");
            }
        }

        if (result.Succeeded && result.RecordWritten)
        {
            return result;
        }

        try
        {
            if (record.HasWritten)
            {
                await record.RevertAsync(result.Outcome, cancellationToken);
            }
            else if (!result.RecordWritten)
            {
                await record.WriteAnswerAsync(result.Outcome, cancellationToken);
            }
        }
        catch (Exception error)
        {
            // The event fails either way; a record that keeps this event's write is the safe side (see EventRecord).
            _log.Write(
                LogLevel.Error,
                "The failed event's answer could not be recorded.",
                new KeyValuePair<string, object?>("error", ReasonText.Describe(error)));
        }

        return result;
    }

    /// <summary>An answer that never reaches CloudFormation undoes the EMR work first, then puts the record back.</summary>
    private static MappingResult WithRecordUndo(MappingResult result, EventRecord record)
    {
        if (!result.Succeeded || !record.HasWritten)
        {
            return result;
        }

        var undoEmr = result.Outcome.UndoIfUndelivered;
        return result with
        {
            Outcome = result.Outcome with
            {
                UndoIfUndelivered = async cancellationToken =>
                {
                    if (undoEmr is not null)
                    {
                        await undoEmr(cancellationToken);
                    }

                    await record.RevertAsync(failedAnswer: null, cancellationToken);
                },
            },
        };
    }

    private async Task<string> UndoAsync(Func<CancellationToken, Task>? undo, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        if (undo is null)
        {
            return "nothing was changed in EMR that needs undoing";
        }

        try
        {
            using var deadline = new CompensationDeadline(cleanupAllowance, _time, cancellationToken);
            await undo(deadline.Token);
            return "what this event did in EMR was undone";
        }
        catch (Exception error)
        {
            return $"undoing what this event did in EMR also failed ({ReasonText.Describe(error)})";
        }
    }

    private static MappingResult UnknownRequestType(CloudFormationRequest request, string fallbackId) =>
        MappingResult.Failed(
            MappingAction.UnknownRequestType,
            fallbackId, $"Unknown RequestType '{ReasonText.Echo(request.RequestType)}': expected Create, Update or Delete");
}
