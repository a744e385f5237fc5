using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>What the handler does with a <see cref="MappingId"/> beyond naming it; apart, so that MappingId.cs stays free of EMR's wire types for the construct library that compiles it in.</summary>
internal static class MappingIdExtensions
{
    /// <summary>The key EMR's API takes for the mapping the id names.</summary>
    public static StudioSessionMappingKey ToKey(this MappingId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new()
        {
            StudioId = id.StudioId,
            IdentityType = id.IdentityType,
            IdentityId = id.IdentityId,
        };
    }
}
