using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping;

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

    public async Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, string physicalResourceId, CancellationToken cancellationToken)
    {
        var id = MappingId.Parse(request.PhysicalResourceId);
        if (id is null)
        {
            _emr.Action = "not-ours";
            return Outcomes.Success(physicalResourceId);
        }

        try
        {
            await _emr.DeleteStudioSessionMappingAsync(id.ToKey(), cancellationToken);
            _emr.Action = "deleted";
        }
        catch (EmrException error) when (error.IsMappingNotFound || error.IsStudioNotFound)
        {
            _emr.Action = "already-gone";
        }
        catch (EmrException error) when (error.IsIdentityUnknown)
        {
            _emr.Action = "principal-gone";
        }
        catch (Exception error)
        {
            _emr.Action = "failed";
            return Outcomes.Failed(
                physicalResourceId,
                $"DeleteStudioSessionMapping for {id.IdentityType} id '{ReasonText.Echo(id.IdentityId)}' in studio {id.StudioId} failed: {ReasonText.Describe(error)}");
        }

        return Outcomes.Success(physicalResourceId);
    }
}
