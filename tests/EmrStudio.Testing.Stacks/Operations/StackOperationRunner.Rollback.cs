using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// UPDATE_ROLLBACK_IN_PROGRESS: every resource the failed update changed is updated back, in the old template's
    /// dependency order, with the properties swapped (ResourceProperties the old template's, OldResourceProperties the
    /// failed update's) and its current id (the new one after a replacement; for the resource whose own update failed,
    /// the id its FAILED answer gave). A native replacement goes back to its old physical resource. Then
    /// UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS deletes what the failed update created: new resources, replacements'
    /// new ids, and any id a rollback answer moved away from. A failed rollback update ends in UPDATE_ROLLBACK_FAILED.
    /// </summary>
    private async Task RollBackAsync(SimulatedStack stack, DependencyGraph oldGraph, PreparedTemplate prepared, List<ResourceChange> changes, string failure)
    {
        stack.SetStatus(StackStatuses.UpdateRollbackInProgress, failure);
        var cleanup = new List<CleanupItem>();
        var toUndo = changes
            .Where(change => change.Kind is not (ResourceChangeKind.Created or ResourceChangeKind.FailedCreate))
            .OrderBy(change => IndexIn(oldGraph.Order, change.LogicalId));
        foreach (var change in toUndo)
        {
            var before = change.Before!;
            var current = stack.Resource(change.LogicalId);
            if (change.Kind == ResourceChangeKind.Replaced)
            {
                stack.RecordResource(change.LogicalId, before.PhysicalId, before.Type, StackStatuses.UpdateInProgress);
                stack.SetResource(before);
                stack.RecordResource(change.LogicalId, before.PhysicalId, before.Type, StackStatuses.UpdateCompleteResource);
                cleanup.Add(new CleanupItem(current, Retain: false));
                continue;
            }

            var physicalId = change.CurrentPhysicalId ?? current.PhysicalId;
            stack.RecordResource(change.LogicalId, physicalId, before.Type, StackStatuses.UpdateInProgress);
            var outcome = await account.HandlerFor(before.Type).UpdateAsync(
                Request(stack, change.LogicalId, before.Type, before.Properties, change.AttemptedProperties, physicalId, null));
            if (!outcome.Succeeded)
            {
                stack.RecordResource(change.LogicalId, physicalId, before.Type, StackStatuses.UpdateFailed, outcome.Reason);
                stack.SetStatus(StackStatuses.UpdateRollbackFailed, $"The following resource(s) failed to update: [{change.LogicalId}].");
                return;
            }

            stack.SetResource(before with
            {
                PhysicalId = outcome.PhysicalId!,
                RefValue = outcome.RefValue ?? System.Text.Json.Nodes.JsonValue.Create(outcome.PhysicalId!),
                Attributes = outcome.Attributes.Count > 0 || IsCustom(before.Type) ? outcome.Attributes : before.Attributes,
            });
            stack.RecordResource(change.LogicalId, outcome.PhysicalId, before.Type, StackStatuses.UpdateCompleteResource);
            if (outcome.PhysicalId != physicalId)
            {
                cleanup.Add(new CleanupItem(current with { PhysicalId = physicalId, Properties = change.AttemptedProperties }, Retain: false));
            }
        }

        foreach (var change in changes.Where(change => change.Kind is ResourceChangeKind.Created or ResourceChangeKind.FailedCreate))
        {
            if (change.Kind == ResourceChangeKind.Created)
            {
                var created = stack.Resource(change.LogicalId);
                cleanup.Add(new CleanupItem(created, created.DeletionPolicy is "Retain" or "Snapshot"));
                stack.RemoveResource(change.LogicalId);
            }
            else if (change.CurrentPhysicalId is not null && IsCustom(prepared.TypeOf(change.LogicalId)))
            {
                cleanup.Add(new CleanupItem(
                    new ResourceState(change.LogicalId, prepared.TypeOf(change.LogicalId), change.CurrentPhysicalId, change.AttemptedProperties,
                        System.Text.Json.Nodes.JsonValue.Create(change.CurrentPhysicalId), [], null, null),
                    Retain: false));
            }
        }

        stack.SetStatus(StackStatuses.UpdateRollbackCompleteCleanupInProgress);
        await CleanUpAsync(stack, cleanup, prepared.Graph);
        stack.SetStatus(StackStatuses.UpdateRollbackComplete);
    }
}
