using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>One provisioning request: the resource, its resolved properties, and for updates and deletes its current id.</summary>
internal sealed record ResourceRequest(
    SimulatedStack Stack,
    string LogicalId,
    string Type,
    JsonObject Properties,
    JsonObject? OldProperties,
    string? PhysicalId)
{
    /// <summary>The dependency graph of the template being applied, for checks that depend on order guarantees.</summary>
    public Templates.DependencyGraph? Graph { get; init; }
}
