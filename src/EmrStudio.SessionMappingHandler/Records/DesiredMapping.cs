namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>The mapping a resource asked for: its studio (resolved to an id), principal and session policy.</summary>
/// <param name="StudioId">The studio's id, resolved when the template named the studio.</param>
/// <param name="StudioName">The studio's name, when the template named it so.</param>
/// <param name="IdentityType"><c>USER</c> or <c>GROUP</c>.</param>
/// <param name="IdentityId">The principal's Identity Store id, as EMR reports it.</param>
/// <param name="IdentityName">The principal's name, when known.</param>
/// <param name="SessionPolicyArn">The session policy.</param>
internal sealed record DesiredMapping(
    string StudioId, string? StudioName, string IdentityType, string IdentityId, string? IdentityName, string SessionPolicyArn);
