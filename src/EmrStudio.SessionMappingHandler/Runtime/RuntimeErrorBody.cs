using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>The body of <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
internal sealed class RuntimeErrorBody
{
    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];
}
