using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// A template's validated properties. Exactly one of <see cref="IdentityId"/> and <see cref="IdentityName"/> is set.
/// <see cref="AdoptExisting"/> says whether a mapping that already exists for the principal is taken over instead of
/// refused. A studio named by <see cref="StudioName"/> has an empty <see cref="StudioId"/> until it is resolved.
/// </summary>
internal sealed record SessionMappingProperties(
    string StudioId,
    string IdentityType,
    string? IdentityId,
    string? IdentityName,
    string SessionPolicyArn,
    bool AdoptExisting = false,
    string? StudioName = null)
{
    /// <summary>True while the studio is known by its name only.</summary>
    public bool NeedsStudioResolution => StudioId.Length == 0 && StudioName is not null;

    public StudioSessionMappingInput ToInput() => new()
    {
        StudioId = StudioId,
        IdentityType = IdentityType,
        IdentityId = IdentityId,
        IdentityName = IdentityName,
        SessionPolicyArn = SessionPolicyArn,
    };

    /// <summary>The key by the identity the template gave, which is the only one known before EMR answers.</summary>
    public StudioSessionMappingKey ToKey() => new()
    {
        StudioId = StudioId,
        IdentityType = IdentityType,
        IdentityId = IdentityId,
        IdentityName = IdentityName,
    };

    /// <summary>Names the principal for a Reason, e.g. <c>GROUP name 'data-scientists' in studio es-ABC</c>.</summary>
    public string DescribePrincipal() => IdentityId is not null
        ? $"{IdentityType} id '{ReasonText.Echo(IdentityId)}' in studio {StudioId}"
        : $"{IdentityType} name '{ReasonText.Echo(IdentityName)}' in studio {StudioId}";
}
