using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>An AWS JSON 1.1 error: <c>{"__type": "ns#Name", "Message": "..."}</c> (some services spell it <c>message</c>).</summary>
internal sealed class EmrErrorBody
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("Message")]
    public string? Message { get; init; }

    [JsonPropertyName("message")]
    public string? LowerCaseMessage { get; init; }
}
