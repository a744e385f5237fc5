using Amazon.CDK;
using EmrStudio.SessionMappingHandler.Mapping;

namespace EmrStudio.Cdk.Internal;

/// <summary>What EMR keys a session mapping by: the studio, the identity type and the principal, as the template names them.</summary>
/// <param name="StudioProperty"><c>StudioId</c> or <c>StudioName</c>.</param>
/// <param name="StudioValue">The studio id or name, possibly a token.</param>
/// <param name="IdentityType"><c>USER</c> or <c>GROUP</c>.</param>
/// <param name="IdentityProperty"><c>IdentityName</c> or <c>IdentityId</c>.</param>
/// <param name="IdentityValue">The name or id, possibly a token.</param>
internal sealed record MappingKey(string StudioProperty, string StudioValue, string IdentityType, string IdentityProperty, string IdentityValue)
{
    /// <summary>Whether synth can tell this mapping apart from another: no part is a token.</summary>
    public bool IsLiteral => !Token.IsUnresolved(StudioValue) && !Token.IsUnresolved(IdentityValue);

    /// <summary>The literal studio id, or null when the studio is a token or named by its name (only the handler resolves a name).</summary>
    public string? LiteralStudioId => StudioProperty == PropertyRules.StudioId.Name && !Token.IsUnresolved(StudioValue) ? StudioValue : null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{IdentityType} {IdentityProperty} '{IdentityValue}' on {(StudioProperty == PropertyRules.StudioId.Name ? "studio " + StudioValue : $"the studio named '{StudioValue}'")}";
}
