using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Makes a mapping that already exists the resource's own: reads it, sets its session policy to the template's when
/// it differs, and answers its canonical id and attributes. It serves two cases: adoption, which the template asks
/// for with <c>AdoptExisting</c>, and a rollback, in which the existing mapping is the stack's own earlier one.
/// </summary>
internal sealed class MappingTakeover
{
    private readonly RecordingEmrClient _emr;
    private readonly ILog _log;

    public MappingTakeover(RecordingEmrClient emr, ILog log)
    {
        _emr = emr;
        _log = log;
    }

    /// <param name="properties">The template's properties; the mapping they name exists.</param>
    /// <param name="kind">An adoption, or a rollback's restore of the stack's own mapping.</param>
    /// <param name="failedId">The PhysicalResourceId of a FAILED answer.</param>
    /// <param name="cancellationToken">Ends when the answer must be sent.</param>
    public async Task<MappingResult> TakeOverAsync(
        SessionMappingProperties properties, TakeoverKind kind, string failedId, CancellationToken cancellationToken)
    {
        SessionMappingDetail existing;
        try
        {
            existing = await _emr.GetStudioSessionMappingAsync(properties.ToKey(), cancellationToken);
        }
        catch (Exception error)
        {
            return MappingResult.Failed(
                MappingAction.Failed, failedId, $"the mapping for {properties.DescribePrincipal()} exists, but reading it failed: {ReasonText.Describe(error)}");
        }

        var id = MappingId.TryCreate(existing.StudioId ?? properties.StudioId, existing.IdentityType ?? properties.IdentityType, existing.IdentityId);
        if (id is null)
        {
            return MappingResult.Failed(
                MappingAction.Failed,
                failedId,
                $"EMR reported the existing mapping for {properties.DescribePrincipal()} with an IdentityId that cannot name it ('{ReasonText.Echo(existing.IdentityId)}')");
        }

        var oldPolicy = existing.SessionPolicyArn;
        var changed = !string.Equals(oldPolicy, properties.SessionPolicyArn, StringComparison.Ordinal);
        if (changed)
        {
            try
            {
                await _emr.UpdateStudioSessionMappingAsync(PolicyOf(id, properties.SessionPolicyArn), cancellationToken);
            }
            catch (Exception error)
            {
                return MappingResult.Failed(
                    MappingAction.Failed,
                    failedId,
                    $"the mapping for {properties.DescribePrincipal()} exists, but setting its session policy failed: {ReasonText.Describe(error)}");
            }
        }

        var adoption = kind == TakeoverKind.Adoption;
        _log.Write(
            LogLevel.Info,
            adoption ? "Adopted an existing session mapping." : "Restored the stack's earlier session mapping.",
            new("mappingId", id.Value),
            new("oldSessionPolicyArn", oldPolicy),
            new("sessionPolicyArn", properties.SessionPolicyArn),
            new("policyChanged", changed));
        // An adoption that CloudFormation never hears of gets the old policy back, since nothing else would restore it.
        var undo = adoption && changed && oldPolicy is not null ? RestorePolicy(id, oldPolicy) : null;
        return MappingResult.Mapped(adoption ? MappingAction.Adopted : MappingAction.Restored, id, existing, properties, undo);
    }

    private Func<CancellationToken, Task> RestorePolicy(MappingId id, string policyArn) =>
        cancellationToken => _emr.UpdateStudioSessionMappingAsync(PolicyOf(id, policyArn), cancellationToken);

    private static StudioSessionMappingInput PolicyOf(MappingId id, string policyArn) => new()
    {
        StudioId = id.StudioId,
        IdentityType = id.IdentityType,
        IdentityId = id.IdentityId,
        SessionPolicyArn = policyArn,
    };
}
