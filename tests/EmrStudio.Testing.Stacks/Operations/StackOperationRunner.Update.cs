using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// UPDATE_IN_PROGRESS: new resources are created and changed ones updated, in the new template's dependency order
    /// (a native change that needs replacement creates a new physical resource; a custom resource whose answer carries
    /// a new id is replaced). UPDATE_COMPLETE_CLEANUP_IN_PROGRESS then deletes the replaced ids and the removed
    /// resources, later ones first, unless Retain keeps them. On a failure, see <see cref="RollBackAsync"/>.
    /// </summary>
    public async Task UpdateAsync(SimulatedStack stack, CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters)
    {
        var oldTemplate = stack.Template!;
        var before = stack.Resources;
        stack.SetStatus(StackStatuses.UpdateInProgress, "User Initiated");
        var prepared = PreparedTemplate.Prepare(stack, template, parameters, account.Options, account.ExportValue);
        var changes = new List<ResourceChange>();
        var cleanup = new List<CleanupItem>();
        string? failure = null;

        foreach (var logicalId in prepared.Graph.Order)
        {
            var type = prepared.TypeOf(logicalId);
            if (!before.TryGetValue(logicalId, out var old))
            {
                var outcome = await CreateResourceAsync(stack, prepared, logicalId);
                if (outcome.Succeeded)
                {
                    changes.Add(new ResourceChange(logicalId, ResourceChangeKind.Created, null, stack.Resource(logicalId).Properties, outcome.PhysicalId));
                    continue;
                }

                changes.Add(new ResourceChange(logicalId, ResourceChangeKind.FailedCreate, null, prepared.Properties(logicalId), outcome.PhysicalId));
                failure = $"The following resource(s) failed to create: [{logicalId}].";
                break;
            }

            if (old.Type != type)
            {
                throw new NotSupportedException($"Stack {stack.Name}: {logicalId} changes type from {old.Type} to {type}; CloudFormation refuses that.");
            }

            var properties = prepared.Properties(logicalId);
            var policiesChanged = old.DeletionPolicy != prepared.DeletionPolicy(logicalId) || old.UpdateReplacePolicy != prepared.UpdateReplacePolicy(logicalId);
            if (JsonNode.DeepEquals(properties, old.Properties))
            {
                if (policiesChanged)
                {
                    stack.SetResource(old with { DeletionPolicy = prepared.DeletionPolicy(logicalId), UpdateReplacePolicy = prepared.UpdateReplacePolicy(logicalId) });
                }

                continue;
            }

            failure = await UpdateResourceAsync(stack, prepared, old, properties, changes, cleanup);
            if (failure is not null)
            {
                break;
            }
        }

        if (failure is not null)
        {
            await RollBackAsync(stack, OldOrder(oldTemplate, before), prepared, changes, failure);
            return;
        }

        foreach (var (logicalId, old) in before)
        {
            if (!prepared.Graph.Order.Contains(logicalId))
            {
                cleanup.Add(new CleanupItem(old, IsRetain(old.DeletionPolicy)));
                stack.RemoveResource(logicalId);
            }
        }

        Publish(stack, prepared, parameters);
        stack.SetStatus(StackStatuses.UpdateCompleteCleanupInProgress);
        var oldOrder = OldOrder(oldTemplate, before);
        // CloudFormation reports a failed cleanup delete on the resource and still completes the update.
        await CleanUpAsync(stack, cleanup, oldOrder);
        stack.SetStatus(StackStatuses.UpdateComplete);
    }

    /// <summary>Updates one existing resource; returns the stack's failure reason, or null.</summary>
    private async Task<string?> UpdateResourceAsync(
        SimulatedStack stack, PreparedTemplate prepared, ResourceState old, JsonObject properties, List<ResourceChange> changes, List<CleanupItem> cleanup)
    {
        var logicalId = old.LogicalId;
        var handler = account.HandlerFor(old.Type);
        var custom = IsCustom(old.Type);
        if (!custom && handler.RequiresReplacement(old.Properties, properties))
        {
            stack.RecordResource(logicalId, old.PhysicalId, old.Type, StackStatuses.UpdateInProgress, "Requested update requires the creation of a new physical resource; hence creating one.");
            var created = await handler.CreateAsync(Request(stack, logicalId, old.Type, properties, null, null, prepared));
            if (!created.Succeeded)
            {
                stack.RecordResource(logicalId, old.PhysicalId, old.Type, StackStatuses.UpdateFailed, created.Reason);
                return $"The following resource(s) failed to update: [{logicalId}].";
            }

            stack.SetResource(State(prepared, logicalId, old.Type, properties, created));
            stack.RecordResource(logicalId, created.PhysicalId, old.Type, StackStatuses.UpdateCompleteResource);
            changes.Add(new ResourceChange(logicalId, ResourceChangeKind.Replaced, old, properties, created.PhysicalId));
            cleanup.Add(new CleanupItem(old, IsRetain(prepared.UpdateReplacePolicy(logicalId))));
            return null;
        }

        stack.RecordResource(logicalId, old.PhysicalId, old.Type, StackStatuses.UpdateInProgress);
        var outcome = await handler.UpdateAsync(Request(stack, logicalId, old.Type, properties, old.Properties, old.PhysicalId, prepared));
        if (!outcome.Succeeded)
        {
            stack.RecordResource(logicalId, outcome.PhysicalId ?? old.PhysicalId, old.Type, StackStatuses.UpdateFailed, outcome.Reason);
            if (custom)
            {
                changes.Add(new ResourceChange(logicalId, ResourceChangeKind.FailedCustomUpdate, old, properties, outcome.PhysicalId ?? old.PhysicalId));
            }

            return $"The following resource(s) failed to update: [{logicalId}].";
        }

        stack.SetResource(State(prepared, logicalId, old.Type, properties, outcome));
        stack.RecordResource(logicalId, outcome.PhysicalId, old.Type, StackStatuses.UpdateCompleteResource);
        if (custom)
        {
            changes.Add(new ResourceChange(logicalId, ResourceChangeKind.CustomUpdated, old, properties, outcome.PhysicalId));
            if (outcome.PhysicalId != old.PhysicalId)
            {
                cleanup.Add(new CleanupItem(old, IsRetain(prepared.UpdateReplacePolicy(logicalId))));
            }
        }
        else
        {
            changes.Add(new ResourceChange(logicalId, ResourceChangeKind.UpdatedInPlace, old, properties, outcome.PhysicalId));
        }

        return null;
    }

    /// <summary>The old template's creation order, for ordering the deletes of the resources it had.</summary>
    private static IReadOnlyList<string> OldOrder(CloudFormationTemplate oldTemplate, IReadOnlyDictionary<string, ResourceState> before)
    {
        var included = before.Keys.Where(id => oldTemplate.Resources.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        return DependencyGraph.Build(oldTemplate, included).Order;
    }
}
