using System.Text.Json.Serialization;
using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Runtime;

namespace EmrStudio.SessionMappingHandler.Json;

/// <summary>The one source-generated serializer context for every wire type the handler writes or reads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudFormationResponse))]
[JsonSerializable(typeof(StudioSessionMappingInput))]
[JsonSerializable(typeof(StudioSessionMappingKey))]
[JsonSerializable(typeof(GetStudioSessionMappingOutput))]
[JsonSerializable(typeof(EmrErrorBody))]
[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
