namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>The request of GetStudioSessionMapping and DeleteStudioSessionMapping: exactly one identity member is set.</summary>
internal sealed class StudioSessionMappingKey
{
    public required string StudioId { get; init; }

    public required string IdentityType { get; init; }

    public string? IdentityId { get; init; }

    public string? IdentityName { get; init; }
}
