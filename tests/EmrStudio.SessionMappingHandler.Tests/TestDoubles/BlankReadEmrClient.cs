using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// An EMR client whose reads answer nothing at all, which the real client never lets through (it fails such an
/// answer as invalid): the one way to reach the operations' last-resort handling of an error nobody foresaw.
/// Everything else goes to the inner client.
/// </summary>
internal sealed class BlankReadEmrClient(IEmrClient inner) : IEmrClient
{
    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        inner.CreateStudioSessionMappingAsync(input, cancellationToken);

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        inner.UpdateStudioSessionMappingAsync(input, cancellationToken);

    public Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        Task.FromResult<SessionMappingDetail>(null!);

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        inner.DeleteStudioSessionMappingAsync(key, cancellationToken);

    public Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken) =>
        inner.ListStudiosAsync(marker, cancellationToken);

    public Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken) =>
        inner.ListStudioSessionMappingsAsync(studioId, marker, cancellationToken);
}
