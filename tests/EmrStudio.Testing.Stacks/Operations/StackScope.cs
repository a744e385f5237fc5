using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>Resolution against one stack's resources as they are now, and the account's exports; records what was imported.</summary>
internal sealed class StackScope(SimulatedStack stack, Func<string, string?> exportValue) : IResolutionScope
{
    public HashSet<string> Imported { get; } = new(StringComparer.Ordinal);

    public JsonNode ResourceRef(string logicalId) =>
        stack.Resources.TryGetValue(logicalId, out var state)
            ? state.RefValue
            : throw new InvalidOperationException($"Stack {stack.Name}: Ref {logicalId}: the template declares no such parameter, and no such resource exists yet.");

    public JsonNode ResourceAttribute(string logicalId, string attribute)
    {
        var state = stack.Resources.TryGetValue(logicalId, out var found)
            ? found
            : throw new InvalidOperationException($"Stack {stack.Name}: Fn::GetAtt {logicalId}.{attribute}: no such resource exists yet.");
        return state.Attributes[attribute]
            ?? throw new InvalidOperationException(
                $"Stack {stack.Name}: Fn::GetAtt {logicalId}.{attribute}: {state.Type} {state.PhysicalId} has no attribute {attribute} (it has {string.Join(", ", state.Attributes.Select(pair => pair.Key))}).");
    }

    public string ImportValue(string exportName)
    {
        Imported.Add(exportName);
        return exportValue(exportName) ?? throw new InvalidOperationException($"No export named {exportName} found.");
    }
}
