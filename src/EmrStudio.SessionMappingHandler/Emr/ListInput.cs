namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>The request of ListStudios and ListStudioSessionMappings: an optional filter and the page to continue from.</summary>
internal sealed class ListInput
{
    public string? StudioId { get; init; }

    public string? IdentityType { get; init; }

    public string? Marker { get; init; }
}
