using EmrStudio.SessionMappingHandler.CloudFormation;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Create: a mapping for the template's principal, named by its canonical <see cref="MappingId"/>. A mapping that
/// already exists is refused, unless the template says <c>AdoptExisting</c>: then it is taken over. Every failure
/// answers with the failed-Create sentinel, so the rollback Delete touches nothing.
/// </summary>
internal sealed class CreateOperation
{
    private readonly RecordingEmrClient _emr;
    private readonly MappingCreator _creator;
    private readonly MappingTakeover _takeover;

    public CreateOperation(RecordingEmrClient emr, MappingCreator creator, MappingTakeover takeover)
    {
        _emr = emr;
        _creator = creator;
        _takeover = takeover;
    }

    public async Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, CancellationToken cancellationToken)
    {
        var sentinel = PhysicalResourceIds.FailedCreate(request);
        var parsed = SessionMappingPropertiesParser.Parse(request.ResourceProperties);
        if (!parsed.IsValid)
        {
            _emr.Action = "rejected";
            return Outcomes.Failed(sentinel, $"Invalid properties: {parsed.Describe()}");
        }

        var creation = await _creator.CreateAsync(parsed.Properties, cancellationToken);
        if (creation.Status == MappingCreationStatus.AlreadyExists && parsed.Properties.AdoptExisting)
        {
            var adopted = await _takeover.TakeOverAsync(parsed.Properties, "adopted", sentinel, undoableIfUndelivered: true, cancellationToken);
            return adopted.Status == ResponseStatus.Success ? adopted : adopted with { Reason = $"Create failed: {adopted.Reason}" };
        }

        if (!creation.Succeeded)
        {
            _emr.Action = creation.Status == MappingCreationStatus.AlreadyExists ? "already-exists" : "failed";
            return Outcomes.Failed(sentinel, $"Create failed: {creation.FailureReason}");
        }

        _emr.Action = creation.Status == MappingCreationStatus.Adopted ? "adopted-own-attempt" : "created";
        return Outcomes.Success(
            creation.Id.Value,
            MappingAttributes.From(creation.Id, creation.Detail, parsed.Properties),
            MappingUndo.DeleteOf(_emr, creation.Id));
    }
}
