namespace EmrStudio.Testing.Stacks.Operations;

internal sealed partial class StackOperationRunner
{
    /// <summary>
    /// DELETE_IN_PROGRESS, every resource in reverse dependency order (each after everything that depends on it,
    /// independent ones at once), Retain skipped; a resource whose dependent failed to delete is kept (CloudFormation
    /// cannot remove what something still uses). DELETE_COMPLETE, or DELETE_FAILED when any delete failed.
    /// </summary>
    public async Task DeleteAsync(SimulatedStack stack)
    {
        stack.SetStatus(StackStatuses.DeleteInProgress, "User Initiated");
        var resources = stack.Resources;
        // A stack whose creation rolled back (ROLLBACK_COMPLETE) has no template applied and holds nothing.
        var template = stack.Template ?? Templates.CloudFormationTemplate.FromJson("{}", $"stack {stack.Name} (never created)");
        var graph = Templates.DependencyGraph.Build(template, resources.Keys.Where(template.Resources.ContainsKey).ToHashSet(StringComparer.Ordinal));
        var dependents = graph.Order.ToDictionary(id => id, id => graph.Order.Where(other => graph.DependenciesOf(other).Contains(id)).ToList(), StringComparer.Ordinal);
        var walk = await ResourceWalk.RunAsync([.. graph.Order.Reverse()], id => dependents[id], MaxConcurrent, stopOnFailure: false, async logicalId =>
        {
            var state = resources[logicalId];
            if (!await DeleteResourceAsync(stack, state, IsRetain(state.DeletionPolicy)))
            {
                return false;
            }

            stack.RemoveResource(logicalId);
            return true;
        });
        var failed = walk.Failed;

        if (failed.Count > 0)
        {
            stack.SetStatus(StackStatuses.DeleteFailed, $"The following resource(s) failed to delete: [{string.Join(", ", failed)}].");
            return;
        }

        account.PublishExports(stack, new Dictionary<string, string>());
        stack.Exports = new Dictionary<string, string>();
        stack.Imports = new HashSet<string>();
        stack.SetStatus(StackStatuses.DeleteComplete);
    }
}
