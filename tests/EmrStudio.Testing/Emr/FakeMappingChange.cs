namespace EmrStudio.Testing.Emr;

/// <summary>
/// One change of EMR's mapping state: what the mapping became (or was, for a deletion), when, and who made it (an
/// access key, or a named actor such as a simulated native resource or "out of band").
/// </summary>
public sealed record FakeMappingChange(FakeMappingChangeKind Kind, FakeSessionMapping Mapping, DateTimeOffset At, string Source)
{
    public (string StudioId, string IdentityType, string IdentityId) Key => (Mapping.StudioId, Mapping.IdentityType, Mapping.IdentityId);

    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Kind,-7} {Mapping.StudioId} {Mapping.IdentityType} {Mapping.IdentityName} ({Mapping.IdentityId}) policy {Mapping.SessionPolicyArn} by {Source}";
}
