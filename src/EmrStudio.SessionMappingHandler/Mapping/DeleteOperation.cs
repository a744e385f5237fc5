using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Delete: removes the mapping the PhysicalResourceId names. Ids that are not ours (sentinels, ids CloudFormation made
/// up during a rollback) name nothing, so they succeed without a call. Answers with the incoming id, always.
/// </summary>
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
