namespace EmrStudio.SessionMappingHandler.Emr;

internal sealed class ListStudiosOutput
{
    public IReadOnlyList<StudioSummary>? Studios { get; init; }

    public string? Marker { get; init; }
}
