using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>
/// The scheduled event that starts a reconcile run: the fixed input of the schedule's rule,
/// <c>{"EmrStudioSessionMappings": "Reconcile"}</c>. No CloudFormation event has that member.
/// </summary>
internal static class ReconcileEvent
{
    public const string Member = "EmrStudioSessionMappings";
    public const string Value = "Reconcile";

    /// <summary>The rule's input, as the templates and the construct write it.</summary>
    public const string Json = """{"EmrStudioSessionMappings":"Reconcile"}""";

    public static bool Matches(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Member, out var value)
                && value.ValueKind == JsonValueKind.String
                && value.ValueEquals(Value);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
