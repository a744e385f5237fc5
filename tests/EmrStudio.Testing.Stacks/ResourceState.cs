using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// A resource as the stack holds it: its physical id, the resolved properties it was last created or updated with,
/// and what Ref and Fn::GetAtt give for it.
/// </summary>
public sealed record ResourceState(
    string LogicalId,
    string Type,
    string PhysicalId,
    JsonObject Properties,
    JsonNode RefValue,
    JsonObject Attributes,
    string? DeletionPolicy,
    string? UpdateReplacePolicy);
