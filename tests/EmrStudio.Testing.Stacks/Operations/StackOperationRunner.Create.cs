using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// CREATE_IN_PROGRESS, every resource in dependency order, CREATE_COMPLETE; on a failure ROLLBACK_IN_PROGRESS deletes
    /// what was created, the failed resource too when its failure named an id (a custom resource's FAILED answer), and
    /// ends ROLLBACK_COMPLETE, or ROLLBACK_FAILED when a delete fails.
    /// </summary>
    public async Task CreateAsync(SimulatedStack stack, CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters)
    {
        stack.SetStatus(StackStatuses.CreateInProgress, "User Initiated");
        var prepared = PreparedTemplate.Prepare(stack, template, parameters, account.Options, account.ExportValue);
        var created = new List<ResourceState>();
        string? failure = null;
        foreach (var logicalId in prepared.Graph.Order)
        {
            var outcome = await CreateResourceAsync(stack, prepared, logicalId);
            if (outcome.Succeeded)
            {
                created.Add(stack.Resource(logicalId));
                continue;
            }

            failure = $"The following resource(s) failed to create: [{logicalId}].";
            if (outcome.PhysicalId is not null && IsCustom(prepared.TypeOf(logicalId)))
            {
                created.Add(new ResourceState(logicalId, prepared.TypeOf(logicalId), outcome.PhysicalId, prepared.Properties(logicalId),
                    System.Text.Json.Nodes.JsonValue.Create(outcome.PhysicalId), [], prepared.DeletionPolicy(logicalId), prepared.UpdateReplacePolicy(logicalId)));
            }

            break;
        }

        if (failure is null)
        {
            Publish(stack, prepared, parameters);
            stack.SetStatus(StackStatuses.CreateComplete);
            return;
        }

        stack.SetStatus(StackStatuses.RollbackInProgress, failure + " Rollback requested by user.");
        // A rolled-back creation keeps Retain resources (RetainExceptOnCreate exists to delete them instead).
        var items = created.Select(state => new CleanupItem(state, state.DeletionPolicy is "Retain" or "Snapshot"));
        var deleted = await CleanUpAsync(stack, items, prepared.Graph.Order);
        stack.ReplaceResources([]);
        stack.SetStatus(deleted ? StackStatuses.RollbackComplete : StackStatuses.RollbackFailed);
    }

    private static bool IsCustom(string type) => type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource";
}
