using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>The source-generated serializer context of EMR's JSON 1.1 requests, results and errors.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StudioSessionMappingInput))]
[JsonSerializable(typeof(StudioSessionMappingKey))]
[JsonSerializable(typeof(GetStudioSessionMappingOutput))]
[JsonSerializable(typeof(ListInput))]
[JsonSerializable(typeof(ListStudiosOutput))]
[JsonSerializable(typeof(ListStudioSessionMappingsOutput))]
internal sealed partial class EmrJsonContext : JsonSerializerContext;
