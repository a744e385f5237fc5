namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>The request of CreateStudioSessionMapping and UpdateStudioSessionMapping: exactly one identity member is set.</summary>
internal sealed class StudioSessionMappingInput
{
    public required string StudioId { get; init; }

    public required string IdentityType { get; init; }

    public string? IdentityId { get; init; }

    public string? IdentityName { get; init; }

    public required string SessionPolicyArn { get; init; }
}
