namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// The EMR operations the handler uses. Every method throws <see cref="EmrException"/> for an answer EMR gave
/// (after retrying throttling and 5xx within the token's lifetime) and <see cref="OperationCanceledException"/>
/// when the token ends first.
/// </summary>
internal interface IEmrClient
{
    Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken);

    Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken);

    Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken);

    Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken);
}
