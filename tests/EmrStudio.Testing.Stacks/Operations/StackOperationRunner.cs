using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Resources;

namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>
/// CloudFormation's rules for one stack operation, one resource at a time in dependency order (CloudFormation may run
/// independent resources at once; the violations check that only dependencies are relied on). The pieces common to
/// create, update and delete live here; each operation has its own file.
/// </summary>
internal sealed partial class StackOperationRunner(SimulatedAccount account)
{
    private static bool IsRetain(string? policy) => policy is "Retain" or "RetainExceptOnCreate" or "Snapshot";

    private ResourceRequest Request(SimulatedStack stack, string logicalId, string type, JsonObject properties, JsonObject? oldProperties, string? physicalId, PreparedTemplate? prepared) =>
        new(stack, logicalId, type, properties, oldProperties, physicalId) { Graph = prepared?.Graph };

    /// <summary>Creates one resource; on success the stack holds it.</summary>
    private async Task<ResourceOutcome> CreateResourceAsync(SimulatedStack stack, PreparedTemplate prepared, string logicalId, string eventStatusPrefix = "CREATE")
    {
        var type = prepared.TypeOf(logicalId);
        var properties = prepared.Properties(logicalId);
        stack.RecordResource(logicalId, null, type, eventStatusPrefix + "_IN_PROGRESS");
        var outcome = await account.HandlerFor(type).CreateAsync(Request(stack, logicalId, type, properties, null, null, prepared));
        if (outcome.Succeeded)
        {
            stack.SetResource(State(prepared, logicalId, type, properties, outcome));
            stack.RecordResource(logicalId, outcome.PhysicalId, type, eventStatusPrefix + "_COMPLETE");
        }
        else
        {
            stack.RecordResource(logicalId, outcome.PhysicalId, type, eventStatusPrefix + "_FAILED", outcome.Reason);
        }

        return outcome;
    }

    /// <summary>Deletes one physical resource; Retain skips it. Returns false when the delete failed.</summary>
    private async Task<bool> DeleteResourceAsync(SimulatedStack stack, ResourceState state, bool retain)
    {
        if (retain)
        {
            stack.RecordResource(state.LogicalId, state.PhysicalId, state.Type, StackStatuses.DeleteSkipped);
            return true;
        }

        stack.RecordResource(state.LogicalId, state.PhysicalId, state.Type, StackStatuses.DeleteInProgress);
        var outcome = await account.HandlerFor(state.Type).DeleteAsync(
            Request(stack, state.LogicalId, state.Type, state.Properties, null, state.PhysicalId, null));
        stack.RecordResource(state.LogicalId, state.PhysicalId, state.Type, outcome.Succeeded ? StackStatuses.DeleteComplete : StackStatuses.DeleteFailed, outcome.Reason);
        return outcome.Succeeded;
    }

    /// <summary>Deletes cleanup items, those of later resources first (<paramref name="order"/> is a creation order).</summary>
    private async Task<bool> CleanUpAsync(SimulatedStack stack, IEnumerable<CleanupItem> items, IReadOnlyList<string> order)
    {
        var allDeleted = true;
        foreach (var item in items.OrderByDescending(item => IndexIn(order, item.State.LogicalId)))
        {
            allDeleted &= await DeleteResourceAsync(stack, item.State, item.Retain);
        }

        return allDeleted;
    }

    private static int IndexIn(IReadOnlyList<string> order, string logicalId)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == logicalId)
            {
                return i;
            }
        }

        return order.Count;
    }

    private static ResourceState State(PreparedTemplate prepared, string logicalId, string type, JsonObject properties, ResourceOutcome outcome) =>
        new(logicalId, type, outcome.PhysicalId!, properties, outcome.RefValue ?? JsonValue.Create(outcome.PhysicalId!), outcome.Attributes,
            prepared.DeletionPolicy(logicalId), prepared.UpdateReplacePolicy(logicalId));

    private void Publish(SimulatedStack stack, PreparedTemplate prepared, IReadOnlyDictionary<string, string> parameters)
    {
        var (outputs, exports) = prepared.ResolveOutputs();
        account.PublishExports(stack, exports);
        stack.Template = prepared.Template;
        stack.Parameters = parameters;
        stack.Outputs = outputs;
        stack.Exports = exports;
        stack.Imports = prepared.Scope.Imported;
    }
}
