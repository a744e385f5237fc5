using EmrStudio.SessionMappingHandler.Emr;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// The undo for a mapping an event created: when CloudFormation never hears of it, nothing else would ever delete it.
/// A mapping (or studio) that is already gone counts as undone; other failures propagate for the caller to log.
/// </summary>
internal static class MappingUndo
{
    public static Func<CancellationToken, Task> DeleteOf(IEmrClient emr, MappingId id) => async cancellationToken =>
    {
        try
        {
            await emr.DeleteStudioSessionMappingAsync(id.ToKey(), cancellationToken);
        }
        catch (EmrException error) when (error.IsMappingNotFound || error.IsStudioNotFound)
        {
        }
    };
}
