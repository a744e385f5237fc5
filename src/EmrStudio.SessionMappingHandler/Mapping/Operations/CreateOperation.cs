using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

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

    public async Task<MappingResult> ExecuteAsync(CloudFormationRequest request, CancellationToken cancellationToken)
    {
        var sentinel = PhysicalResourceIds.FailedCreate(request);
        var parsed = SessionMappingPropertiesParser.Parse(request.ResourceProperties);
        if (!parsed.IsValid)
        {
            return MappingResult.Failed(MappingAction.Rejected, sentinel, $"Invalid properties: {parsed.Describe()}");
        }

        var (properties, unresolved) = await StudioResolver.ResolveAsync(_emr, parsed.Properties, "Create failed: ", cancellationToken);
        if (properties is null)
        {
            var action = unresolved!.StartsWith("Invalid properties: ", StringComparison.Ordinal) ? MappingAction.Rejected : MappingAction.Failed;
            return MappingResult.Failed(action, sentinel, unresolved);
        }

        var creation = await _creator.CreateAsync(properties, cancellationToken);
        if (creation.Status == MappingCreationStatus.AlreadyExists && properties.AdoptExisting)
        {
            var adopted = await _takeover.TakeOverAsync(properties, TakeoverKind.Adoption, sentinel, cancellationToken);
            return adopted.WithFailurePrefix("Create failed: ");
        }

        if (!creation.Succeeded)
        {
            var action = creation.Status == MappingCreationStatus.AlreadyExists ? MappingAction.AlreadyExists : MappingAction.Failed;
            return MappingResult.Failed(action, sentinel, $"Create failed: {creation.FailureReason}");
        }

        return MappingResult.Mapped(
            creation.Status == MappingCreationStatus.Adopted ? MappingAction.AdoptedOwnAttempt : MappingAction.Created,
            creation.Id,
            creation.Detail,
            properties,
            MappingUndo.DeleteOf(_emr, creation.Id));
    }
}
