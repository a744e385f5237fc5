namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>One studio of ListStudios' answer, as far as the handler reads it.</summary>
internal sealed class StudioSummary
{
    public string? StudioId { get; init; }

    public string? Name { get; init; }
}
