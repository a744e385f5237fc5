using Amazon.CDK;

namespace EmrStudio.Cdk.Internal;

/// <summary>What EMR keys a session mapping by: the studio, the identity type and the principal, as the template names it.</summary>
/// <param name="StudioId">The studio id, possibly a token.</param>
/// <param name="IdentityType"><c>USER</c> or <c>GROUP</c>.</param>
/// <param name="IdentityProperty"><c>IdentityName</c> or <c>IdentityId</c>.</param>
/// <param name="IdentityValue">The name or id, possibly a token.</param>
internal sealed record MappingKey(string StudioId, string IdentityType, string IdentityProperty, string IdentityValue)
{
    /// <summary>Whether synth can tell this mapping apart from another: no part is a token.</summary>
    public bool IsLiteral => !Token.IsUnresolved(StudioId) && !Token.IsUnresolved(IdentityValue);

    /// <inheritdoc/>
    public override string ToString() => $"{IdentityType} {IdentityProperty} '{IdentityValue}' on studio {StudioId}";
}
