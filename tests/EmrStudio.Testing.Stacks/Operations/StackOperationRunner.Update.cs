using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// UPDATE_IN_PROGRESS: new resources are created and changed ones updated, in the new template's dependency order,
    /// independent ones at once; after a failure no further resource starts and those in flight end (a native change that needs replacement creates a new physical resource; a custom resource whose answer carries
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
        var walk = await ResourceWalk.RunAsync(prepared.Graph.Order, prepared.Graph.DependenciesOf, MaxConcurrent, stopOnFailure: true, async logicalId =>
        {
            var type = prepared.TypeOf(logicalId);
            if (!before.TryGetValue(logicalId, out var old))
            {
                var outcome = await CreateResourceAsync(stack, prepared, logicalId);
                var change = outcome.Succeeded
                    ? new ResourceChange(logicalId, ResourceChangeKind.Created, null, stack.Resource(logicalId).Properties, outcome.PhysicalId)
                    : new ResourceChange(logicalId, ResourceChangeKind.FailedCreate, null, prepared.Properties(logicalId), outcome.PhysicalId);
                lock (changes)
                {
                    changes.Add(change);
                }

                return outcome.Succeeded;
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

                return true;
            }

            return await UpdateResourceAsync(stack, prepared, old, properties, changes, cleanup);
        });

        // In the order of the template, whatever order the resources finished in: the rollback and its events repeat.
        changes.Sort((a, b) => IndexIn(prepared.Graph.Order, a.LogicalId).CompareTo(IndexIn(prepared.Graph.Order, b.LogicalId)));
        var failure = walk.Failed.Count == 0 ? null
            : before.ContainsKey(walk.Failed[0]) ? $"The following resource(s) failed to update: [{string.Join(", ", walk.Failed)}]."
            : $"The following resource(s) failed to create: [{string.Join(", ", walk.Failed)}].";

        if (failure is not null)
        {
            await RollBackAsync(stack, OldGraph(oldTemplate, before), prepared, changes, failure);
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
        // CloudFormation reports a failed cleanup delete on the resource and still completes the update.
        await CleanUpAsync(stack, cleanup, OldGraph(oldTemplate, before));
        stack.SetStatus(StackStatuses.UpdateComplete);
    }

    /// <summary>Updates one existing resource; false when it failed. <paramref name="changes"/> guards both lists.</summary>
    private async Task<bool> UpdateResourceAsync(
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
                return false;
            }

            stack.SetResource(State(prepared, logicalId, old.Type, properties, created));
            stack.RecordResource(logicalId, created.PhysicalId, old.Type, StackStatuses.UpdateCompleteResource);
            lock (changes)
            {
                changes.Add(new ResourceChange(logicalId, ResourceChangeKind.Replaced, old, properties, created.PhysicalId));
                cleanup.Add(new CleanupItem(old, IsRetain(prepared.UpdateReplacePolicy(logicalId))));
            }

            return true;
        }

        stack.RecordResource(logicalId, old.PhysicalId, old.Type, StackStatuses.UpdateInProgress);
        var outcome = await handler.UpdateAsync(Request(stack, logicalId, old.Type, properties, old.Properties, old.PhysicalId, prepared));
        if (!outcome.Succeeded)
        {
            stack.RecordResource(logicalId, outcome.PhysicalId ?? old.PhysicalId, old.Type, StackStatuses.UpdateFailed, outcome.Reason);
            if (custom)
            {
                lock (changes)
                {
                    changes.Add(new ResourceChange(logicalId, ResourceChangeKind.FailedCustomUpdate, old, properties, outcome.PhysicalId ?? old.PhysicalId));
                }
            }

            return false;
        }

        stack.SetResource(State(prepared, logicalId, old.Type, properties, outcome));
        stack.RecordResource(logicalId, outcome.PhysicalId, old.Type, StackStatuses.UpdateCompleteResource);
        lock (changes)
        {
            if (!custom)
            {
                changes.Add(new ResourceChange(logicalId, ResourceChangeKind.UpdatedInPlace, old, properties, outcome.PhysicalId));
                return true;
            }

            changes.Add(new ResourceChange(logicalId, ResourceChangeKind.CustomUpdated, old, properties, outcome.PhysicalId));
            if (outcome.PhysicalId != old.PhysicalId)
            {
                cleanup.Add(new CleanupItem(old, IsRetain(prepared.UpdateReplacePolicy(logicalId))));
            }
        }

        return true;
    }

    /// <summary>The old template's dependencies, for ordering the deletes of the resources it had.</summary>
    private static DependencyGraph OldGraph(CloudFormationTemplate oldTemplate, IReadOnlyDictionary<string, ResourceState> before)
    {
        var included = before.Keys.Where(id => oldTemplate.Resources.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        return DependencyGraph.Build(oldTemplate, included);
    }
}
