using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Emr;

/// <summary>One request as the fake received it. <see cref="Body"/> is null when the body was not a JSON object.</summary>
public sealed record FakeEmrRequest(
    string? Operation,
    JsonObject? Body,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The access key id the request was signed with, or null when it was not signed in SigV4's shape.</summary>
    public string? AccessKeyId { get; init; }
}
