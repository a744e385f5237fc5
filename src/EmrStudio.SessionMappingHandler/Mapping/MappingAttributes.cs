using EmrStudio.SessionMappingHandler.Emr;


namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>The <c>Fn::GetAtt</c> attributes: all strings, both identity attributes filled whichever the template used.</summary>
internal static class MappingAttributes
{
    public static Dictionary<string, string> From(MappingId id, SessionMappingDetail detail, SessionMappingProperties properties) =>
        new(StringComparer.Ordinal)
        {
            ["StudioId"] = id.StudioId,
            ["IdentityType"] = id.IdentityType,
            ["IdentityId"] = id.IdentityId,
            ["IdentityName"] = detail.IdentityName ?? properties.IdentityName ?? string.Empty,
            ["SessionPolicyArn"] = properties.SessionPolicyArn,
            ["CreationTime"] = EpochTime.ToIso8601(detail.CreationTime),
        };
}
