namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>A mapping as a template declares it, with the principal resolved to its id: what EMR must hold.</summary>
internal sealed record ExpectedMapping(string StudioId, string IdentityType, string IdentityId, string SessionPolicyArn)
{
    public override string ToString() => $"{StudioId} {IdentityType} {IdentityId} {SessionPolicyArn}";
}
