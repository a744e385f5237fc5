using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Emr;

/// <summary>One request as the fake received it. <see cref="Body"/> is null when the body was not a JSON object.</summary>
public sealed record FakeEmrRequest(
    string? Operation,
    JsonObject? Body,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt);
