using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Emr;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Delete: removes the mapping the PhysicalResourceId names. Ids that are not ours (sentinels, ids CloudFormation made
/// up during a rollback) name nothing, so they succeed without a call. Answers with the incoming id, always.
/// </summary>
/// <remarks>
/// A principal removed from IAM Identity Center makes EMR answer "IdentityId is invalid" to the Delete: the mapping
/// grants no one anything any more and EMR offers no way to remove it by that id, so failing would only leave the stack
/// undeletable. It counts as gone, and the log line says so.
/// </remarks>
internal sealed class DeleteOperation
{
    private readonly RecordingEmrClient _emr;

    public DeleteOperation(RecordingEmrClient emr) => _emr = emr;

    public async Task<MappingResult> ExecuteAsync(CloudFormationRequest request, string physicalResourceId, CancellationToken cancellationToken)
    {
        var id = MappingId.Parse(request.PhysicalResourceId);
        if (id is null)
        {
            return MappingResult.Success(MappingAction.NotOurs, physicalResourceId);
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

        return MappingResult.Success(action, physicalResourceId);
    }
}
