using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// The EMR client as the reconcile run uses it, telling <see cref="SkipLedger"/> when a record's check begins (its
/// GetStudioSessionMapping is called) and when it is checked (EMR answered: the mapping, or an error EMR gave).
/// Records are named by their mapping: studio, identity type and identity id.
/// </summary>
internal sealed class ObservedEmrClient(IEmrClient inner, SkipLedger ledger) : IEmrClient
{
    public static string RecordOf(string studioId, string identityType, string identityId) => $"{studioId}|{identityType}|{identityId}";

    public async Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var record = RecordOf(key.StudioId, key.IdentityType, key.IdentityId ?? string.Empty);
        ledger.Attempted(record);
        try
        {
            var mapping = await inner.GetStudioSessionMappingAsync(key, cancellationToken);
            ledger.Checked(record);
            return mapping;
        }
        catch (EmrException)
        {
            ledger.Checked(record);
            throw;
        }
    }

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        inner.CreateStudioSessionMappingAsync(input, cancellationToken);

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken) =>
        inner.UpdateStudioSessionMappingAsync(input, cancellationToken);

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken) =>
        inner.DeleteStudioSessionMappingAsync(key, cancellationToken);

    public Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken) =>
        inner.ListStudiosAsync(marker, cancellationToken);

    public Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken) =>
        inner.ListStudioSessionMappingsAsync(studioId, marker, cancellationToken);
}
