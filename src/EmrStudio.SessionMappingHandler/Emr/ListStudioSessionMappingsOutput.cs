namespace EmrStudio.SessionMappingHandler.Emr;

internal sealed class ListStudioSessionMappingsOutput
{
    public IReadOnlyList<SessionMappingDetail>? SessionMappings { get; init; }

    public string? Marker { get; init; }
}
