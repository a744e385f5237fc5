using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.Mapping;

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
    /// <param name="why">What the takeover is, for the log line: "adopted" or "restored".</param>
    /// <param name="failedId">The PhysicalResourceId of a FAILED answer.</param>
    /// <param name="undoableIfUndelivered">
    /// True for an adoption: if CloudFormation never hears of it, the old policy is put back, since nothing else
    /// would. A rollback needs no undo: the restored mapping is what the stack had before.
    /// </param>
    /// <param name="cancellationToken">Ends when the answer must be sent.</param>
    public async Task<CustomResourceOutcome> TakeOverAsync(
        SessionMappingProperties properties, string why, string failedId, bool undoableIfUndelivered, CancellationToken cancellationToken)
    {
        SessionMappingDetail existing;
        try
        {
            existing = await _emr.GetStudioSessionMappingAsync(properties.ToKey(), cancellationToken);
        }
        catch (Exception error)
        {
            _emr.Action = "failed";
            return Outcomes.Failed(failedId, $"the mapping for {properties.DescribePrincipal()} exists, but reading it failed: {ReasonText.Describe(error)}");
        }

        var id = MappingId.TryCreate(existing.StudioId ?? properties.StudioId, existing.IdentityType ?? properties.IdentityType, existing.IdentityId);
        if (id is null)
        {
            _emr.Action = "failed";
            return Outcomes.Failed(
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
                _emr.Action = "failed";
                return Outcomes.Failed(
                    failedId,
                    $"the mapping for {properties.DescribePrincipal()} exists, but setting its session policy failed: {ReasonText.Describe(error)}");
            }
        }

        _emr.Action = why;
        _log.Write(
            LogLevel.Info,
            why == "adopted" ? "Adopted an existing session mapping." : "Restored the stack's earlier session mapping.",
            new("mappingId", id.Value),
            new("oldSessionPolicyArn", oldPolicy),
            new("sessionPolicyArn", properties.SessionPolicyArn),
            new("policyChanged", changed));
        var undo = undoableIfUndelivered && changed && oldPolicy is not null ? RestorePolicy(id, oldPolicy) : null;
        return Outcomes.Success(id.Value, MappingAttributes.From(id, existing, properties), undo);
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
