namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>What an update did to one resource, for the rollback to undo it.</summary>
/// <param name="LogicalId">The resource.</param>
/// <param name="Kind">Created, updated in place, replaced (native), custom-updated, or failed.</param>
/// <param name="Before">The resource as the old stack had it (null for a new one).</param>
/// <param name="AttemptedProperties">The properties the update sent.</param>
/// <param name="CurrentPhysicalId">The id the resource has after the change (for a failed custom update: the id its FAILED answer gave).</param>
internal sealed record ResourceChange(string LogicalId, ResourceChangeKind Kind, ResourceState? Before, System.Text.Json.Nodes.JsonObject AttemptedProperties, string? CurrentPhysicalId);
