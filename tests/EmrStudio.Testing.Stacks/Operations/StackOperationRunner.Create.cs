using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// CREATE_IN_PROGRESS, every resource in dependency order (independent ones at once), CREATE_COMPLETE; on a failure
    /// no further resource starts, those in flight end, and ROLLBACK_IN_PROGRESS deletes what was created, the failed
    /// resource too when its failure named an id (a custom resource's FAILED answer), and ends ROLLBACK_COMPLETE, or
    /// ROLLBACK_FAILED when a delete fails.
    /// </summary>
    public async Task CreateAsync(SimulatedStack stack, CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters)
    {
        stack.SetStatus(StackStatuses.CreateInProgress, "User Initiated");
        var prepared = PreparedTemplate.Prepare(stack, template, parameters, account.Options, account.ExportValue);
        var created = new List<ResourceState>();
        var walk = await ResourceWalk.RunAsync(prepared.Graph.Order, prepared.Graph.DependenciesOf, MaxConcurrent, stopOnFailure: true, async logicalId =>
        {
            var outcome = await CreateResourceAsync(stack, prepared, logicalId);
            var state = outcome.Succeeded ? stack.Resource(logicalId)
                : outcome.PhysicalId is not null && IsCustom(prepared.TypeOf(logicalId))
                    ? new ResourceState(logicalId, prepared.TypeOf(logicalId), outcome.PhysicalId, prepared.Properties(logicalId),
                        System.Text.Json.Nodes.JsonValue.Create(outcome.PhysicalId), [], prepared.DeletionPolicy(logicalId), prepared.UpdateReplacePolicy(logicalId))
                    : null;
            if (state is not null)
            {
                lock (created)
                {
                    created.Add(state);
                }
            }

            return outcome.Succeeded;
        });
        var failure = walk.Failed.Count == 0 ? null : $"The following resource(s) failed to create: [{string.Join(", ", walk.Failed)}].";

        if (failure is null)
        {
            Publish(stack, prepared, parameters);
            stack.SetStatus(StackStatuses.CreateComplete);
            return;
        }

        stack.SetStatus(StackStatuses.RollbackInProgress, failure + " Rollback requested by user.");
        // A rolled-back creation keeps Retain resources (RetainExceptOnCreate exists to delete them instead).
        var items = created.Select(state => new CleanupItem(state, state.DeletionPolicy is "Retain" or "Snapshot"));
        var deleted = await CleanUpAsync(stack, items, prepared.Graph);
        stack.ReplaceResources([]);
        stack.SetStatus(deleted ? StackStatuses.RollbackComplete : StackStatuses.RollbackFailed);
    }

    private static bool IsCustom(string type) => type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource";
}
