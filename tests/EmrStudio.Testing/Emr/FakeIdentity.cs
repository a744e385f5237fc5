namespace EmrStudio.Testing.Emr;

/// <summary>An Identity Center principal: one name and one Identity Store id, both naming the same user or group.</summary>
public sealed record FakeIdentity(string IdentityType, string Name, string Id);
