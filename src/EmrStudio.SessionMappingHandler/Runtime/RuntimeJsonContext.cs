using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.Runtime;

/// <summary>The source-generated serializer context of the Runtime API's error bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
