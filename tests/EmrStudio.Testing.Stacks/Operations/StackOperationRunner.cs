using System.Globalization;
using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Resources;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>
/// CloudFormation's rules for one stack operation: resources in dependency order, independent ones at once up to
/// <see cref="SimulatorOptions.MaxConcurrentResourceOperations"/> (<see cref="ResourceWalk"/>); the violations check
/// that only dependencies are relied on. Updates back during a rollback run one at a time. The pieces common to
/// create, update and delete live here; each operation has its own file.
/// </summary>
internal sealed partial class StackOperationRunner(SimulatedAccount account)
{
    private int MaxConcurrent => account.Options.MaxConcurrentResourceOperations;

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

    /// <summary>
    /// Deletes cleanup items, each after the items of the resources that depend on it in <paramref name="graph"/>
    /// (later resources first), independent ones at once. Returns false when a delete failed.
    /// </summary>
    private async Task<bool> CleanUpAsync(SimulatedStack stack, IEnumerable<CleanupItem> items, DependencyGraph graph)
    {
        var byKey = items.OrderByDescending(item => IndexIn(graph.Order, item.State.LogicalId))
            .Select((item, index) => (Key: index.ToString(CultureInfo.InvariantCulture), Item: item))
            .ToDictionary(entry => entry.Key, entry => entry.Item, StringComparer.Ordinal);
        var keys = byKey.Keys.ToList();
        // Worked out once: the walk asks again for every waiting item each time an item ends.
        var deletedFirst = keys.ToDictionary(
            key => key,
            key => keys.Where(other => other != key && graph.DependsOn(byKey[other].State.LogicalId, byKey[key].State.LogicalId)).ToList(),
            StringComparer.Ordinal);
        var walk = await ResourceWalk.RunAsync(keys, key => deletedFirst[key], MaxConcurrent, stopOnFailure: false, key => DeleteResourceAsync(stack, byKey[key].State, byKey[key].Retain));
        return walk.Failed.Count == 0 && walk.NotStarted.Count == 0;
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
