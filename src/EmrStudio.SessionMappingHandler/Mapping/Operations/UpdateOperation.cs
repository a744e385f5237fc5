using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.StackStatus;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Update: the old mapping is the one the incoming PhysicalResourceId names (OldResourceProperties may describe a
/// template CloudFormation is rolling back from). The same principal is updated in place under the same id; another
/// principal gets a new mapping and a new id, and CloudFormation deletes the old one in its cleanup phase. A FAILED
/// answer always carries the incoming id, so CloudFormation keeps pointing at the mapping that still exists.
/// </summary>
/// <remarks>
/// A template may name its principal by IdentityName, while ids carry the IdentityId. The name is resolved by reading
/// the mapping by name in the old studio and type: found with the old IdentityId, it is the same principal; found
/// with another, that principal already has a mapping; not found, a create settles it, since the created mapping's
/// IdentityId tells whether ours had vanished (self-healing, same id) or the name now means another principal (a
/// replacement). A replacement whose mapping already exists is settled by <see cref="ExistingTargetAsync"/>.
/// </remarks>
internal sealed class UpdateOperation
{
    /// <summary>The stack status in which an existing replacement target is the stack's own earlier mapping.</summary>
    public const string RollingBack = StackStatuses.UpdateRollbackInProgress;

    private readonly RecordingEmrClient _emr;
    private readonly MappingCreator _creator;
    private readonly MappingTakeover _takeover;
    private readonly IStackStatusReader _stacks;
    private readonly EventRecord _record;

    public UpdateOperation(RecordingEmrClient emr, MappingCreator creator, MappingTakeover takeover, IStackStatusReader stacks, EventRecord record)
    {
        _emr = emr;
        _creator = creator;
        _takeover = takeover;
        _stacks = stacks;
        _record = record;
    }

    public async Task<MappingResult> ExecuteAsync(CloudFormationRequest request, string incomingId, CancellationToken cancellationToken)
    {
        var parsed = SessionMappingPropertiesParser.Parse(request.ResourceProperties);
        if (!parsed.IsValid)
        {
            return MappingResult.Failed(MappingAction.Rejected, incomingId, $"Invalid properties: {parsed.Describe()}");
        }

        var (properties, unresolved) = await StudioResolver.ResolveAsync(_emr, parsed.Properties, "Update failed: ", cancellationToken);
        if (properties is null)
        {
            var action = unresolved!.StartsWith("Invalid properties: ", StringComparison.Ordinal) ? MappingAction.Rejected : MappingAction.Failed;
            return MappingResult.Failed(action, incomingId, unresolved);
        }

        var old = MappingId.Parse(request.PhysicalResourceId);
        if (old is null || !IsSameStudioAndType(old, properties)
            || (properties.IdentityId is not null && !string.Equals(properties.IdentityId, old.IdentityId, StringComparison.OrdinalIgnoreCase)))
        {
            return await CreateAsync(request, properties, old, incomingId, cancellationToken);
        }

        // By id: the old mapping itself. By name: whatever mapping that name resolves to in the same studio and type.
        var key = properties.IdentityId is not null ? old.ToKey() : properties.ToKey();
        SessionMappingDetail current;
        try
        {
            current = await _emr.GetStudioSessionMappingAsync(key, cancellationToken);
        }
        catch (EmrException error) when (error.IsMappingNotFound)
        {
            return await CreateAsync(request, properties, old, incomingId, cancellationToken);
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                incomingId, $"Update failed: GetStudioSessionMapping for {properties.DescribePrincipal()} failed: {ReasonText.Describe(error)}");
        }

        if (!string.Equals(current.IdentityId, old.IdentityId, StringComparison.Ordinal))
        {
            return await ExistingTargetAsync(request, properties, incomingId, cancellationToken);
        }

        return await UpdateInPlaceAsync(request, properties, old, current, incomingId, cancellationToken);
    }

    private async Task<MappingResult> UpdateInPlaceAsync(
        CloudFormationRequest request, SessionMappingProperties properties, MappingId old, SessionMappingDetail current, string incomingId, CancellationToken cancellationToken)
    {
        var unchanged = MappingResult.Mapped(MappingAction.Unchanged, old, current, properties);
        if (string.Equals(current.SessionPolicyArn, properties.SessionPolicyArn, StringComparison.Ordinal))
        {
            return unchanged;
        }

        // The new policy is recorded before EMR has it: a record never holds a policy that an update already replaced.
        var updated = unchanged with { Action = MappingAction.Updated, Desired = null, RecordWritten = true };
        try
        {
            await _record.WriteActiveAsync(old.Value, unchanged.Desired!, updated.Outcome, cancellationToken);
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                incomingId,
                $"Record: could not be written ({ReasonText.Describe(error)}); the session policy of {properties.DescribePrincipal()} was left unchanged");
        }

        var input = new StudioSessionMappingInput
        {
            StudioId = old.StudioId,
            IdentityType = old.IdentityType,
            IdentityId = old.IdentityId,
            SessionPolicyArn = properties.SessionPolicyArn,
        };
        try
        {
            await _emr.UpdateStudioSessionMappingAsync(input, cancellationToken);
        }
        catch (EmrException error) when (error.IsMappingNotFound)
        {
            return await CreateAsync(request, properties, old, incomingId, cancellationToken);
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                incomingId,
                $"Update failed: UpdateStudioSessionMapping for {properties.DescribePrincipal()} failed: {ReasonText.Describe(error)}");
        }

        return updated;
    }

    /// <summary>
    /// A new mapping: either ours re-created after it vanished out of band (same id, nothing to undo, since
    /// CloudFormation already knows this id) or a replacement (new id, deleted again if CloudFormation never hears of it).
    /// </summary>
    private async Task<MappingResult> CreateAsync(
        CloudFormationRequest request, SessionMappingProperties properties, MappingId? old, string incomingId, CancellationToken cancellationToken)
    {
        var creation = await _creator.CreateAsync(properties, cancellationToken);
        if (creation.Status == MappingCreationStatus.AlreadyExists)
        {
            return await ExistingTargetAsync(request, properties, incomingId, cancellationToken);
        }

        if (!creation.Succeeded)
        {
            return MappingResult.Failed(MappingAction.Failed, incomingId, $"Update failed: {creation.FailureReason}");
        }

        if (creation.Id.Equals(old))
        {
            return MappingResult.Mapped(MappingAction.Recreated, old, creation.Detail, properties);
        }

        return MappingResult.Mapped(MappingAction.Replaced, creation.Id, creation.Detail, properties, MappingUndo.DeleteOf(_emr, creation.Id));
    }

    /// <summary>
    /// The replacement's mapping exists already. It becomes the resource's when the template adopts it, or when the
    /// stack is rolling back: then it is the stack's own earlier mapping, which CloudFormation deletes only in the
    /// cleanup of a successful update, and the rollback must restore it under its own id. Otherwise it belongs to
    /// someone else and is left untouched.
    /// </summary>
    private async Task<MappingResult> ExistingTargetAsync(
        CloudFormationRequest request, SessionMappingProperties properties, string incomingId, CancellationToken cancellationToken)
    {
        var exists = $"a session mapping for {properties.DescribePrincipal()} already exists";
        if (properties.AdoptExisting)
        {
            var adopted = await _takeover.TakeOverAsync(properties, TakeoverKind.Adoption, incomingId, cancellationToken);
            return adopted.WithFailurePrefix("Update failed: ");
        }

        string? status;
        try
        {
            status = await _stacks.GetStackStatusAsync(request.StackId, cancellationToken);
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.AlreadyExists,
                incomingId,
                $"Update failed: {exists}, and whether the stack is rolling back (so that it is the stack's own) could not be " +
                $"learned from CloudFormation: DescribeStacks failed: {ReasonText.Describe(error)}. The mapping was left untouched");
        }

        var stackStatus = status ?? "unknown stack";
        if (status == RollingBack)
        {
            var restored = await _takeover.TakeOverAsync(properties, TakeoverKind.RollbackRestore, incomingId, cancellationToken);
            return restored.WithFailurePrefix("Update failed: ") with { StackStatus = stackStatus };
        }

        var refused = MappingResult.Failed(
            MappingAction.AlreadyExists,
            incomingId,
            $"Update failed: {exists} and was left untouched (the stack is {ReasonText.Echo(status ?? "unknown to CloudFormation")}, not rolling back); " +
            "set AdoptExisting to \"true\" to take it over, delete it, or map another principal");
        return refused with { StackStatus = stackStatus };
    }

    private static bool IsSameStudioAndType(MappingId old, SessionMappingProperties properties) =>
        string.Equals(old.StudioId, properties.StudioId, StringComparison.Ordinal)
        && string.Equals(old.IdentityType, properties.IdentityType, StringComparison.Ordinal);
}
