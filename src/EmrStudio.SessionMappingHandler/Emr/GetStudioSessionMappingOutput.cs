namespace EmrStudio.SessionMappingHandler.Emr;

internal sealed class GetStudioSessionMappingOutput
{
    public SessionMappingDetail? SessionMapping { get; init; }
}
