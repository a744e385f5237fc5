using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Records;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Delete: removes the mapping the PhysicalResourceId names. Ids that are not ours (sentinels, ids CloudFormation made
/// up during a rollback) name nothing, so they succeed without a call. Answers with the incoming id, always.
/// </summary>
/// <remarks>
/// <para>
/// A principal removed from IAM Identity Center makes EMR answer "IdentityId is invalid" to the Delete: the mapping
/// grants no one anything any more and EMR offers no way to remove it by that id, so failing would only leave the stack
/// undeletable. It counts as gone, and the log line says so.
/// </para>
/// <para>
/// The record is written before EMR is called: a tombstone when the resource's own mapping goes (so that nothing ever
/// re-creates it, whatever fails next), the answer alone when a replaced mapping is cleaned up. An id that names no
/// mapping means CloudFormation never accepted a create for the resource, so a record that still names a mapping
/// becomes a tombstone too.
/// </para>
/// </remarks>
internal sealed class DeleteOperation
{
    private readonly RecordingEmrClient _emr;
    private readonly EventRecord _record;

    public DeleteOperation(RecordingEmrClient emr, EventRecord record)
    {
        _emr = emr;
        _record = record;
    }

    public async Task<MappingResult> ExecuteAsync(CloudFormationRequest request, string physicalResourceId, CancellationToken cancellationToken)
    {
        var id = MappingId.Parse(request.PhysicalResourceId);
        var success = MappingResult.Success(MappingAction.Deleted, physicalResourceId) with { RecordWritten = true };
        var ownsRecordedMapping = _record.Found is not { State: RecordState.Active } found
            || id is null
            || string.Equals(found.PhysicalResourceId, id.Value, StringComparison.Ordinal);
        try
        {
            if (ownsRecordedMapping)
            {
                await _record.WriteDeletedAsync(success.Outcome, cancellationToken);
            }
            else
            {
                await _record.WriteAnswerAsync(success.Outcome, cancellationToken);
            }
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                physicalResourceId,
                $"Record: could not be written ({ReasonText.Describe(error)}); the mapping was not deleted") with
            { RecordWritten = true };
        }

        if (id is null)
        {
            return success with { Action = MappingAction.NotOurs };
        }

        MappingAction action;
        try
        {
            await _emr.DeleteStudioSessionMappingAsync(id.ToKey(), cancellationToken);
            action = MappingAction.Deleted;
        }
        catch (EmrException error) when (error.IsMappingNotFound || error.IsStudioNotFound)
        {
            action = MappingAction.AlreadyGone;
        }
        catch (EmrException error) when (error.IsIdentityUnknown)
        {
            action = MappingAction.PrincipalGone;
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                physicalResourceId,
                $"DeleteStudioSessionMapping for {id.IdentityType} id '{ReasonText.Echo(id.IdentityId)}' in studio {id.StudioId} failed: {ReasonText.Describe(error)}");
        }

        return success with { Action = action };
    }
}
