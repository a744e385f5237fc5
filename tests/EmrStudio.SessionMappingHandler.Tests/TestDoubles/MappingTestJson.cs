using System.Text.Json.Serialization;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>Escapes hostile strings into JSON the way CloudFormation would deliver them.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class MappingTestJson : JsonSerializerContext;
