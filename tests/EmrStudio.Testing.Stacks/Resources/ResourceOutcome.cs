using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// What provisioning gave: on success the physical id, Ref value and attributes; on failure the reason, and the
/// physical id the failure named (a custom resource's FAILED answer carries one; a native failed create has none).
/// </summary>
internal sealed record ResourceOutcome(bool Succeeded, string? PhysicalId, JsonNode? RefValue, JsonObject Attributes, string? Reason)
{
    public static ResourceOutcome Success(string physicalId, JsonNode? refValue = null, JsonObject? attributes = null) =>
        new(true, physicalId, refValue ?? JsonValue.Create(physicalId), attributes ?? [], null);

    public static ResourceOutcome Failure(string reason, string? physicalId = null) => new(false, physicalId, null, [], reason);
}
