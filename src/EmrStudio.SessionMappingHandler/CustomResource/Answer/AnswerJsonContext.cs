using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>The source-generated serializer context of the answer PUT to CloudFormation.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudFormationResponse))]
internal sealed partial class AnswerJsonContext : JsonSerializerContext;
