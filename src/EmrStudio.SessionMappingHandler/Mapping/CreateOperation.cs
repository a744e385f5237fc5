using EmrStudio.SessionMappingHandler.CloudFormation;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Create: a mapping for the template's principal, named by its canonical <see cref="MappingId"/>. Every failure
/// answers with the <see cref="CreateFailedSentinel"/>, so the rollback Delete touches nothing.
/// </summary>
internal sealed class CreateOperation
{
    private readonly RecordingEmrClient _emr;
    private readonly MappingCreator _creator;

    public CreateOperation(RecordingEmrClient emr, MappingCreator creator)
    {
        _emr = emr;
        _creator = creator;
    }

    public async Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, CancellationToken cancellationToken)
    {
        var sentinel = CreateFailedSentinel.For(request);
        var parsed = SessionMappingPropertiesParser.Parse(request.ResourceProperties);
        if (!parsed.IsValid)
        {
            _emr.Action = "rejected";
            return Outcomes.Failed(sentinel, $"Invalid properties: {parsed.Describe()}");
        }

        var creation = await _creator.CreateAsync(parsed.Properties, cancellationToken);
        if (!creation.Succeeded)
        {
            _emr.Action = creation.Status == MappingCreationStatus.AlreadyExists ? "already-exists" : "failed";
            return Outcomes.Failed(sentinel, $"Create failed: {creation.FailureReason}");
        }

        _emr.Action = creation.Status == MappingCreationStatus.Adopted ? "adopted" : "created";
        return Outcomes.Success(
            creation.Id.Value,
            MappingAttributes.From(creation.Id, creation.Detail, parsed.Properties),
            MappingUndo.DeleteOf(_emr, creation.Id));
    }
}
