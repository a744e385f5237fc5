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

    /// <summary>One page of the account's studios in the region, from <paramref name="marker"/> (null: the first).</summary>
    Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken);

    /// <summary>One page of a studio's mappings, from <paramref name="marker"/> (null: the first).</summary>
    Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken);
}
