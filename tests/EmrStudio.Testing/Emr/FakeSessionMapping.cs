namespace EmrStudio.Testing.Emr;

/// <summary>A mapping as the fake stores it; times are epoch seconds, as EMR reports them.</summary>
public sealed record FakeSessionMapping(
    string StudioId,
    string IdentityType,
    string IdentityId,
    string IdentityName,
    string SessionPolicyArn,
    double CreationTime,
    double LastModifiedTime);
